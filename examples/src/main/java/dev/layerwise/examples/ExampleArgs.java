package dev.layerwise.examples;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An example's command line: {@code --name value} options and bare {@code --flag}s, each checked against the names
 * the example accepts so that a typo is an error naming what was expected, not a silently ignored setting.
 */
final class ExampleArgs {
  private final Map<String, String> values;
  private final Set<String> flags;

  private ExampleArgs(Map<String, String> values, Set<String> flags) {
    this.values = values;
    this.flags = flags;
  }

  /**
   * @param options names that take a value ({@code "--epochs"})
   * @param flagNames names that stand alone ({@code "--validate"})
   */
  static ExampleArgs parse(String[] args, List<String> options, List<String> flagNames) {
    Map<String, String> values = new HashMap<>();
    Set<String> flags = new HashSet<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (flagNames.contains(name)) {
        flags.add(name);
      } else if (options.contains(name)) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("argument '" + name + "' needs a value");
        }
        values.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException("unknown argument '" + name + "'; expected one of "
            + String.join(", ", options) + (flagNames.isEmpty() ? "" : " or " + String.join(", ", flagNames)));
      }
    }
    return new ExampleArgs(values, flags);
  }

  String string(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  int integer(String name, int fallback) {
    String v = values.get(name);
    return v == null ? fallback : parse(name, v, Integer::parseInt);
  }

  long longValue(String name, long fallback) {
    String v = values.get(name);
    return v == null ? fallback : parse(name, v, Long::parseLong);
  }

  double number(String name, double fallback) {
    String v = values.get(name);
    return v == null ? fallback : parse(name, v, Double::parseDouble);
  }

  Path path(String name, Path fallback) {
    String v = values.get(name);
    return v == null ? fallback : Path.of(v);
  }

  boolean flag(String name) {
    return flags.contains(name);
  }

  private static <T> T parse(String name, String value, java.util.function.Function<String, T> parser) {
    try {
      return parser.apply(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("argument '" + name + "' expects a number, got '" + value + "'", e);
    }
  }
}
