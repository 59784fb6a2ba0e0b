package dev.layerwise.examples.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A command's arguments: positionals and {@code --name value} options, each option at most once. */
final class Arguments {
  private final String command;
  private final List<String> positional = new ArrayList<>();
  private final Map<String, String> options = new LinkedHashMap<>();
  private final Set<String> used = new HashSet<>();

  Arguments(String command, List<String> args) {
    this.command = command;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!a.startsWith("--")) {
        positional.add(a);
        continue;
      }
      if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
        throw new IllegalArgumentException(command + ": option " + a + " needs a value");
      }
      if (options.put(a, args.get(++i)) != null) {
        throw new IllegalArgumentException(command + ": option " + a + " given twice");
      }
    }
  }

  String positional(int index, String what) {
    if (index >= positional.size()) {
      throw new IllegalArgumentException(command + ": missing " + what);
    }
    return positional.get(index);
  }

  String option(String name, String fallback) {
    used.add(name);
    return options.getOrDefault(name, fallback);
  }

  int intOption(String name, int fallback) {
    String v = option(name, null);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(command + ": " + name + " expects an integer, got '" + v + "'");
    }
  }

  /** Refuses options no one asked for (a typo would otherwise be ignored) and extra positionals. */
  void checkAllUsed() {
    for (String name : options.keySet()) {
      if (!used.contains(name)) {
        throw new IllegalArgumentException(command + ": unknown option " + name + "; known: " + used);
      }
    }
  }
}
