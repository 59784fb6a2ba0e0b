package dev.layerwise.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Collects rows and writes them as Markdown (a table per case) and JSON (one object per row) for trend tracking.
 * Both files end with the totals; the Markdown's last line is {@code N passed, N failed}.
 */
public final class ConformanceReport {
  private final List<CheckRow> rows = new ArrayList<>();

  public synchronized void addAll(List<CheckRow> more) {
    rows.addAll(more);
  }

  public synchronized List<CheckRow> rows() {
    return List.copyOf(rows);
  }

  public synchronized long passed() {
    return rows.stream().filter(CheckRow::passed).count();
  }

  public synchronized long failed() {
    return rows.size() - passed();
  }

  /** The closing line. */
  public String totals() {
    return passed() + " passed, " + failed() + " failed";
  }

  /** Writes {@code conformance.md} and {@code conformance.json} into a folder; returns the Markdown file. */
  public synchronized Path write(Path dir) {
    try {
      Files.createDirectories(dir);
      Path md = dir.resolve("conformance.md");
      writeAtomically(md, markdown());
      writeAtomically(dir.resolve("conformance.json"), json());
      return md;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the conformance report to " + dir, e);
    }
  }

  private static void writeAtomically(Path target, String text) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public synchronized String markdown() {
    StringBuilder b = new StringBuilder("# Layerwise conformance report\n\n");
    Environment.describe().forEach((k, v) -> b.append("- ").append(k).append(": ").append(v).append('\n'));
    b.append("\nModes: X32 = TF float32 vs reference float64; X64 = TF float64 vs reference float64; FD64 = each"
        + " backend's float64 gradients vs central finite differences. τ is the share of the tolerance used at the"
        + " worst element (τ ≤ 1 passes).\n");
    Map<String, List<CheckRow>> byCase = new LinkedHashMap<>();
    rows.forEach(r -> byCase.computeIfAbsent(r.caseName(), k -> new ArrayList<>()).add(r));
    byCase.forEach((name, list) -> {
      b.append("\n## ").append(name).append("\n\n");
      b.append("| mode | tensor | shape | compared | maxAbs | maxRel | tolerance | atol / rtol | τ | worst idx"
          + " (ref → got) | result |\n");
      b.append("|---|---|---|---|---:|---:|---|---|---:|---|---|\n");
      for (CheckRow r : list) {
        b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2e | %.2e | %s | %.1e / %.1e | %.3g | %s"
                + " (%.8g → %.8g) | %s |%n", r.mode(), r.tensor(), r.shape(), r.compared(), r.maxAbs(), r.maxRel(),
            r.tolerance(), r.atol(), r.rtol(), r.tau(), r.worstIndexText(), r.reference(), r.got(),
            r.status() + (r.note().isEmpty() ? "" : " — " + r.note())));
      }
    });
    long xfail = rows.stream().filter(r -> r.status() == Status.XFAIL).count();
    b.append('\n').append(byCase.size()).append(" cases, ").append(rows.size()).append(" checks, ").append(xfail)
        .append(" expected differences (XFAIL, counted as passed; registry: ExpectedDifference.REGISTRY).\n\n");
    b.append(totals()).append('\n');
    return b.toString();
  }

  public synchronized String json() {
    StringBuilder b = new StringBuilder("{\n  \"environment\": {");
    var env = Environment.describe();
    int i = 0;
    for (var e : env.entrySet()) {
      b.append(i++ == 0 ? "\n" : ",\n").append("    ").append(quote(e.getKey())).append(": ")
          .append(quote(e.getValue()));
    }
    b.append("\n  },\n  \"rows\": [");
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
    b.append(String.format(Locale.ROOT, "\n  ],\n  \"passed\": %d,\n  \"failed\": %d\n}\n", passed(), failed()));
    return b.toString();
  }

  private static String num(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "\"" + v + "\"";
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
