package dev.layerwise.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What a report says, without the numbers that vary by machine: one key per row (case, mode, tensor, what was
 * compared, status) and the closing totals line. Two reports of the same suite agree on their digest wherever
 * they ran; the published {@code docs/conformance.md} is current exactly when its digest equals a fresh run's.
 *
 * @param rows the row keys in report order
 * @param totals the line {@code N passed, N failed}
 */
public record ReportDigest(List<Key> rows, String totals) {

  /** One row's identity and outcome. */
  public record Key(String caseName, Mode mode, String tensor, String compared, Status status) {
    @Override
    public String toString() {
      return caseName + " [" + mode + "] " + tensor + " (" + compared + "): " + status;
    }

    String identity() {
      return caseName + " [" + mode + "] " + tensor + " (" + compared + ")";
    }
  }

  public ReportDigest {
    rows = List.copyOf(rows);
  }

  public static ReportDigest of(ConformanceReport report) {
    List<Key> keys = report.rows().stream()
        .map(r -> new Key(r.caseName(), r.mode(), r.tensor(), r.compared(), r.status())).toList();
    return new ReportDigest(keys, report.totals());
  }

  /**
   * Reads the case tables and the last line of a report's Markdown ({@link ReportMarkdown}'s layout).
   *
   * @throws IllegalArgumentException if the text has a case row that is not a row of that layout
   */
  public static ReportDigest parse(String markdown) {
    List<Key> keys = new ArrayList<>();
    String caseName = null;
    boolean inCaseTable = false;
    String last = "";
    int lineNo = 0;
    for (String line : markdown.split("\n")) {
      lineNo++;
      if (!line.isBlank()) {
        last = line.strip();
      }
      if (line.startsWith("#")) {
        caseName = line.startsWith("### ") ? line.substring(4).strip() : null;
        inCaseTable = false;
      } else if (line.startsWith(ReportMarkdown.CASE_TABLE_HEADER)) {
        inCaseTable = caseName != null;
      } else if (inCaseTable && line.startsWith("|") && !line.startsWith("|---")) {
        keys.add(key(caseName, line, lineNo));
      } else if (!line.startsWith("|")) {
        inCaseTable = false;
      }
    }
    return new ReportDigest(keys, last);
  }

  private static Key key(String caseName, String line, int lineNo) {
    String[] cells = line.substring(1).split("(?<!\\\\)\\|", -1);
    if (cells.length < 11) {
      throw new IllegalArgumentException("line " + lineNo + " of case '" + caseName + "': expected a row of 11"
          + " cells (mode … result), got " + (cells.length - 1) + ": " + line);
    }
    String result = cells[10].strip();
    String status = result.split("[ —]", 2)[0];
    try {
      return new Key(caseName, Mode.valueOf(cells[0].strip()), unescape(cells[1].strip()),
          unescape(cells[3].strip()), Status.valueOf(status));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("line " + lineNo + " of case '" + caseName + "': expected a mode among "
          + List.of(Mode.values()) + " and a result starting with one of " + List.of(Status.values()) + ", got: "
          + line, e);
    }
  }

  private static String unescape(String cell) {
    return cell.replace("\\|", "|");
  }

  /**
   * How {@code published} differs from this digest (a fresh run's), one line per difference, at most
   * {@code limit} of them plus a count of the rest; empty when they agree.
   */
  public List<String> differencesFrom(ReportDigest published, int limit) {
    List<String> out = new ArrayList<>();
    if (!totals.equals(published.totals)) {
      out.add("totals: the run has '" + totals + "', the published report '" + published.totals + "'");
    }
    TreeMap<String, Status> run = byIdentity(rows);
    TreeMap<String, Status> pub = byIdentity(published.rows);
    run.forEach((id, status) -> {
      Status p = pub.get(id);
      if (p == null) {
        out.add("missing from the published report: " + id + ": " + status);
      } else if (p != status) {
        out.add("status changed: " + id + ": the run has " + status + ", the published report " + p);
      }
    });
    pub.forEach((id, status) -> {
      if (!run.containsKey(id)) {
        out.add("only in the published report: " + id + ": " + status);
      }
    });
    if (out.isEmpty() && !rows.equals(published.rows)) {
      out.add("the same rows in a different order");
    }
    if (out.size() > limit) {
      int rest = out.size() - limit;
      List<String> shown = new ArrayList<>(out.subList(0, limit));
      shown.add("… and " + rest + " more");
      return shown;
    }
    return out;
  }

  private static TreeMap<String, Status> byIdentity(List<Key> keys) {
    TreeMap<String, Status> m = new TreeMap<>();
    for (Key k : keys) {
      if (m.put(k.identity(), k.status()) != null) {
        throw new IllegalArgumentException("two rows for " + k.identity() + " in one report");
      }
    }
    return m;
  }
}
