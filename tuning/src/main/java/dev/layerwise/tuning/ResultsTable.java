package dev.layerwise.tuning;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A study's trials as a table sorted by the objective, best first (trials without one — failed, running — last, by
 * number): one column per hyperparameter of any trial (empty where a conditional one is absent), then status, the
 * objective (what the study ranks by, named in {@link #objective()}), each metric, epochs, seconds and the reason
 * of a failure. As CSV (RFC 4180, through Apache Commons CSV)
 * and as a Markdown table.
 */
public final class ResultsTable {
  private final List<TrialSummary> rows;
  private final List<String> params;
  private final List<String> metrics;
  private final String objective;

  /**
   * @param objective the objective's name
   * @param higherIsBetter whether a larger objective ranks first (accuracy) or a smaller (loss)
   */
  public ResultsTable(List<TrialSummary> trials, String objective, boolean higherIsBetter) {
    this.objective = objective;
    Comparator<TrialSummary> byObjective = Comparator.comparingDouble(TrialSummary::objective);
    Comparator<TrialSummary> best = higherIsBetter ? byObjective.reversed() : byObjective;
    List<TrialSummary> ranked = new ArrayList<>(trials.stream().filter(t -> !Double.isNaN(t.objective()))
        .sorted(best.thenComparingInt(TrialSummary::number)).toList());
    ranked.addAll(trials.stream().filter(t -> Double.isNaN(t.objective()))
        .sorted(Comparator.comparingInt(TrialSummary::number)).toList());
    this.rows = List.copyOf(ranked);
    Set<String> p = new LinkedHashSet<>();
    Set<String> m = new LinkedHashSet<>();
    for (TrialSummary t : trials) {
      p.addAll(t.params().keySet());
      m.addAll(t.metrics().keySet());
    }
    this.params = List.copyOf(p);
    this.metrics = List.copyOf(m);
  }

  /** The objective's name ({@code val_accuracy}): what the column {@code objective} holds. */
  public String objective() {
    return objective;
  }

  /** The trials, best first. */
  public List<TrialSummary> rows() {
    return rows;
  }

  /** The header: trial, the hyperparameters, status, the objective, the metrics, epochs, seconds, reason. */
  public List<String> header() {
    List<String> h = new ArrayList<>(List.of("trial"));
    h.addAll(params);
    h.addAll(List.of("status", "objective"));
    h.addAll(metrics);
    h.addAll(List.of("epochs", "seconds", "reason"));
    return h;
  }

  private List<String> cells(TrialSummary t) {
    List<String> c = new ArrayList<>(List.of(Integer.toString(t.number())));
    for (String p : params) {
      Object v = t.params().get(p);
      c.add(v == null ? "" : format(v));
    }
    c.add(t.status());
    c.add(number(t.objective()));
    for (String m : metrics) {
      Double v = t.metrics().get(m);
      c.add(v == null ? "" : number(v));
    }
    c.add(Integer.toString(t.epochs()));
    c.add(String.format(Locale.ROOT, "%.1f", t.seconds()));
    c.add(t.reason());
    return c;
  }

  /** The table as CSV with a header line. */
  public String toCsv() {
    StringWriter out = new StringWriter();
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
      csv.printRecord(header());
      for (TrialSummary t : rows) {
        csv.printRecord(cells(t));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not throw
    }
    return out.toString();
  }

  /** The table in Markdown, the objective's column in bold for the best trial. */
  public String toMarkdown() {
    List<String> h = header();
    StringBuilder b = new StringBuilder("| ").append(String.join(" | ", h)).append(" |\n|");
    h.forEach(x -> b.append("---|"));
    b.append('\n');
    for (int r = 0; r < rows.size(); r++) {
      List<String> c = cells(rows.get(r));
      if (r == 0 && !Double.isNaN(rows.get(r).objective())) {
        int i = 1 + params.size() + 1;
        c.set(i, "**" + c.get(i) + "**");
      }
      b.append("| ").append(String.join(" | ", c.stream().map(ResultsTable::escape).toList())).append(" |\n");
    }
    return b.toString();
  }

  private static String escape(String cell) {
    return cell.replace("|", "\\|").replace("\n", " ");
  }

  private static String format(Object v) {
    return v instanceof Double d ? number(d) : v.toString();
  }

  /** Four significant digits, as the study prints them; empty for NaN. */
  static String number(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4g", v);
  }
}
