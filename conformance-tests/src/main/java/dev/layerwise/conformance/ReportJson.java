package dev.layerwise.conformance;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON form of a report, for tools and trend tracking: the environment, the modes, the registry of expected
 * differences, one object per row with every number the Markdown rounds, and the totals. Non-finite numbers
 * (an ERROR row's τ) are written as strings, since JSON has no literal for them.
 */
final class ReportJson {
  private final List<CheckRow> rows;
  private final Map<String, String> environment;
  private final List<ExpectedDifference> registry;

  ReportJson(List<CheckRow> rows, Map<String, String> environment, List<ExpectedDifference> registry) {
    this.rows = rows;
    this.environment = environment;
    this.registry = registry;
  }

  String render() {
    StringBuilder b = new StringBuilder("{\n  \"environment\": {");
    int i = 0;
    for (var e : environment.entrySet()) {
      b.append(i++ == 0 ? "\n" : ",\n").append("    ").append(quote(e.getKey())).append(": ")
          .append(quote(e.getValue()));
    }
    b.append("\n  },\n  \"modes\": [");
    List<Mode> modes = rows.stream().map(CheckRow::mode).distinct().sorted().toList();
    for (int k = 0; k < modes.size(); k++) {
      b.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "{\"mode\": \"%s\", \"compared\": %s}",
          modes.get(k), quote(modes.get(k).label())));
    }
    b.append("],\n  \"expectedDifferences\": [");
    for (int k = 0; k < registry.size(); k++) {
      ExpectedDifference e = registry.get(k);
      b.append(k == 0 ? "\n" : ",\n").append(String.format(Locale.ROOT,
          "    {\"case\": %s, \"mode\": %s, \"tensor\": %s, \"reason\": %s}", quote(e.caseName()),
          e.mode() == null ? "null" : quote(e.mode().name()), e.tensor() == null ? "null" : quote(e.tensor()),
          quote(e.reason())));
    }
    b.append(registry.isEmpty() ? "],\n  \"rows\": [" : "\n  ],\n  \"rows\": [");
    for (int k = 0; k < rows.size(); k++) {
      CheckRow r = rows.get(k);
      b.append(k == 0 ? "\n" : ",\n").append(String.format(Locale.ROOT,
          "    {\"case\": %s, \"mode\": \"%s\", \"tensor\": %s, \"shape\": %s, \"compared\": %s, \"maxAbs\": %s,"
              + " \"maxRel\": %s, \"tolerance\": %s, \"atol\": %s, \"rtol\": %s, \"tau\": %s, \"worstIndex\": %s,"
              + " \"reference\": %s, \"got\": %s, \"status\": \"%s\", \"note\": %s}",
          quote(r.caseName()), r.mode(), quote(r.tensor()), quote(r.shape()), quote(r.compared()), num(r.maxAbs()),
          num(r.maxRel()), quote(r.tolerance()), num(r.atol()), num(r.rtol()), num(r.tau()), r.worstIndexText(),
          num(r.reference()), num(r.got()), r.status(), quote(r.note())));
    }
    long passed = rows.stream().filter(CheckRow::passed).count();
    b.append(String.format(Locale.ROOT, "\n  ],\n  \"passed\": %d,\n  \"failed\": %d\n}\n", passed,
        rows.size() - passed));
    return b.toString();
  }

  private static String num(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "\"" + v + "\"";
  }

  static String quote(String s) {
    return dev.layerwise.io.Json.quote(s);
  }
}
