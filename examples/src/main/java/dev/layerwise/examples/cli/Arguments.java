package dev.layerwise.examples.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's arguments: positionals and {@code --name value} options, each option at most once. Mistakes are
 * {@link IllegalArgumentException}s naming the argument; the command line puts the command in front of them.
 */
final class Arguments {
  private final List<String> positional = new ArrayList<>();
  private final Map<String, String> options = new LinkedHashMap<>();
  private final Set<String> used = new HashSet<>();

  Arguments(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!a.startsWith("--")) {
        positional.add(a);
        continue;
      }
      if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
        throw new IllegalArgumentException("option " + a + " needs a value");
      }
      if (options.put(a, args.get(++i)) != null) {
        throw new IllegalArgumentException("option " + a + " given twice");
      }
    }
  }

  String positional(int index, String what) {
    if (index >= positional.size()) {
      throw new IllegalArgumentException("missing " + what);
    }
    return positional.get(index);
  }

  String option(String name, String fallback) {
    used.add(name);
    return options.getOrDefault(name, fallback);
  }

  /** An integer option within {@code [min, max]}; {@code what} says what the bounds are for. */
  int intOption(String name, int fallback, int min, int max, String what) {
    String v = option(name, null);
    if (v == null) {
      return fallback;
    }
    long n = parse(name, v);
    if (n < min || n > max) {
      throw new IllegalArgumentException(name + " expects an integer from " + min + " to " + max + " (" + what
          + "), got " + v);
    }
    return (int) n;
  }

  /** Any 64-bit integer. */
  long longOption(String name, long fallback) {
    String v = option(name, null);
    return v == null ? fallback : parse(name, v);
  }

  private static long parse(String name, String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " expects an integer, got '" + v + "'");
    }
  }

  /** Refuses options no one asked for (a typo would otherwise be ignored) and extra positionals. */
  void checkAllUsed() {
    for (String name : options.keySet()) {
      if (!used.contains(name)) {
        throw new IllegalArgumentException("unknown option " + name + "; known: " + used);
      }
    }
  }
}
