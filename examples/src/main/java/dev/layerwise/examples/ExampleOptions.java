package dev.layerwise.examples;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** An example's {@code --name value} arguments, each name one of those it knows, each at most once. */
final class ExampleOptions {
  private final Map<String, String> values;

  private ExampleOptions(Map<String, String> values) {
    this.values = values;
  }

  /**
   * @throws IllegalArgumentException for an unknown name (listing the known ones), a name without a value or a name
   *     given twice
   */
  static ExampleOptions parse(String[] args, String... known) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!List.of(known).contains(args[i])) {
        throw new IllegalArgumentException("unknown argument '" + args[i] + "'; expected one of " + List.of(known));
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("argument '" + args[i] + "' needs a value");
      }
      if (values.put(args[i], args[i + 1]) != null) {
        throw new IllegalArgumentException("argument '" + args[i] + "' is given twice");
      }
    }
    return new ExampleOptions(values);
  }

  /** The value of {@code name} converted, or {@code fallback} when it was not given. */
  <T> T get(String name, Function<String, T> convert, T fallback) {
    String v = values.get(name);
    return v == null ? fallback : convert.apply(v);
  }

  /** The value of a required {@code name}; {@code what} says what it is in the error. */
  String required(String name, String what) {
    String v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException(name + " is required (" + what + ")");
    }
    return v;
  }
}
