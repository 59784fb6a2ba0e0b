package dev.layerwise.conformance.keras;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Keras 3's own optimizer and schedule tests run on both backends, as the tables of {@code docs/optimizers.md}:
 * per test, Keras's asserted values, Layerwise's on the reference backend (float64) and on TF (float32, as Keras),
 * the largest difference and Keras's tolerance.
 *
 * <pre>
 * mvn -q -pl conformance-tests exec:java -Dexec.mainClass=dev.layerwise.conformance.keras.KerasParity
 * </pre>
 */
public final class KerasParity {
  private KerasParity() {}

  /** One case run on both backends. */
  public record Row(KerasCase kerasCase, double[] reference, double[] tensorflow) {
    public boolean passes() {
      return kerasCase.passes(reference) && kerasCase.passes(tensorflow);
    }

    /** The Markdown row: test, setting, count, Keras, reference, TF, max |Δ| per backend, tolerance, result. */
    public String markdown() {
      KerasCase c = kerasCase;
      return "| `" + c.test() + "` | " + escape(c.setting()) + " | " + c.expected().length + " | "
          + values(c.expected()) + " | " + values(reference) + " | " + values(tensorflow) + " | "
          + difference(c.maxDifference(reference)) + " / " + difference(c.maxDifference(tensorflow)) + " | "
          + tolerance(c) + " | " + (passes() ? "PASS" : "FAIL") + " |";
    }
  }

  public static final String HEADER = "| Keras test | setting | values | Keras expects | reference (f64) | TF (f32) |"
      + " max \\|Δ\\| ref / TF | Keras's tolerance | result |\n|---|---|---:|---|---|---|---|---|---|";

  public static List<Row> run(List<KerasCase> cases) {
    List<Row> rows = new ArrayList<>();
    for (KerasCase c : cases) {
      rows.add(new Row(c, c.ours().apply("reference"), c.ours().apply("tensorflow")));
    }
    return rows;
  }

  public static String table(List<Row> rows) {
    StringJoiner j = new StringJoiner("\n", "", "\n");
    j.add(HEADER);
    rows.forEach(r -> j.add(r.markdown()));
    return j.toString();
  }

  /** Up to four values in full, else the first two and the last, with the count in its own column. */
  static String values(double[] v) {
    if (v.length <= 4) {
      List<String> all = new ArrayList<>();
      for (double x : v) {
        all.add(number(x));
      }
      return String.join(", ", all);
    }
    return number(v[0]) + ", " + number(v[1]) + " … " + number(v[v.length - 1]);
  }

  /** Seven significant digits, trailing zeros dropped: what float32 holds. */
  static String number(double x) {
    if (x == 0) {
      return "0";
    }
    return new BigDecimal(x).round(new MathContext(7)).stripTrailingZeros().toPlainString();
  }

  static String difference(double d) {
    return d == 0 ? "0" : String.format(Locale.ROOT, "%.1e", d);
  }

  private static String tolerance(KerasCase c) {
    if (c.atol() == 0 && c.rtol() == 0) {
      return "exact";
    }
    return "atol " + scientific(c.atol()) + (c.rtol() == 0 ? "" : ", rtol " + scientific(c.rtol()));
  }

  /** {@code 5e-4}, not {@code 5.0e-04}. */
  private static String scientific(double x) {
    return String.format(Locale.ROOT, "%.0e", x).replaceAll("e([-+])0*(\\d)", "e$1$2").replace("e+", "e");
  }

  private static String escape(String cell) {
    return cell.replace("|", "\\|");
  }

  public static void main(String[] args) {
    System.out.println("<!-- table: keras-optimizers -->");
    System.out.print(table(run(KerasOptimizerCases.all())));
    System.out.println();
    System.out.println("<!-- table: keras-schedules -->");
    System.out.print(table(run(KerasScheduleCases.all())));
  }
}
