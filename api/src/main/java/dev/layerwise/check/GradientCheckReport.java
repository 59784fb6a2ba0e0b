package dev.layerwise.check;

import dev.layerwise.spi.ModelSpec;
import java.util.List;
import java.util.Locale;

/**
 * What {@link GradientCheck} found: a row per layer, parameter and objective, hints for the failure patterns it
 * recognises, and the totals. {@link #toString()} is the printable report.
 *
 * @param model the model's name
 * @param backend the backend that computed (in float64)
 * @param samples the batch size differentiated on
 * @param tolerance the relative tolerance of each comparison
 * @param dataLoss the data loss at the checked weights
 * @param regularizationLoss the penalty at the checked weights (0 without regularizers)
 * @param checks one per trainable tensor for the data loss, then one per regularized tensor for the penalty, in
 *     model order
 * @param hints what the failures suggest, most specific first; empty when everything passed
 * @param notes observations that are not failures, such as a parameter the loss does not depend on
 */
public record GradientCheckReport(String model, String backend, int samples, double tolerance, double dataLoss,
    double regularizationLoss, List<ParameterCheck> checks, List<String> hints, List<String> notes) {

  public GradientCheckReport {
    checks = List.copyOf(checks);
    hints = List.copyOf(hints);
    notes = List.copyOf(notes);
  }

  GradientCheckReport(ModelSpec spec, String backend, int samples, double tolerance, double dataLoss,
      double regularizationLoss, List<ParameterCheck> checks) {
    this(spec.name(), backend, samples, tolerance, dataLoss, regularizationLoss, checks,
        FailureHints.of(spec, checks, samples), FailureHints.notes(spec, checks));
  }

  /** Whether every tensor passed (an inconclusive one does not). */
  public boolean passed() {
    return checks.stream().allMatch(ParameterCheck::passed);
  }

  public long count(ParameterCheck.Status status) {
    return checks.stream().filter(c -> c.status() == status).count();
  }

  /** The failed checks. */
  public List<ParameterCheck> failures() {
    return checks.stream().filter(c -> c.status() == ParameterCheck.Status.FAIL).toList();
  }

  /** Returns this report if everything passed; otherwise throws with the whole report as the message. */
  public GradientCheckReport orThrow() {
    if (!passed()) {
      throw new GradientCheckException(this);
    }
    return this;
  }

  /** The closing line: {@code N passed, N failed, N inconclusive}. */
  public String totals() {
    return count(ParameterCheck.Status.PASS) + " passed, " + count(ParameterCheck.Status.FAIL) + " failed, "
        + count(ParameterCheck.Status.INCONCLUSIVE) + " inconclusive";
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
        "Gradient check of '%s' on %s (float64), %d samples, tolerance %.0e; data loss %.6g%s%n", model, backend,
        samples, tolerance, dataLoss,
        regularizationLoss == 0 ? "" : String.format(Locale.ROOT, ", regularization %.6g", regularizationLoss)));
    String row = "%-22s %-10s %-14s %-14s %-11s %-11s %-12s %s%n";
    b.append(String.format(Locale.ROOT, row, "layer", "parameter", "objective", "shape", "along ĝ", "along r",
        "elements", "result"));
    for (ParameterCheck c : checks) {
      b.append(String.format(Locale.ROOT, row, c.layer(), c.parameter(), c.objective(), c.shape(),
          direction(c, "along ĝ"), direction(c, "along r"), elements(c), c.status()));
    }
    for (ParameterCheck c : checks) {
      if (!c.passed()) {
        ParameterCheck.Probe w = c.worst();
        b.append(String.format(Locale.ROOT, "  %s (%s) %s: backward %.9g, finite differences %.9g (step %.1e%s)%n",
            c.weight(), c.objective(), w.what(), w.analytic(), w.numeric(), w.step(),
            w.kinkAtPoint() ? ", a kink at the point itself" : w.retries() > 0 ? ", after " + w.retries()
                + " kink retries" : ""));
      }
    }
    if (!hints.isEmpty()) {
      b.append("Hints:\n");
      hints.forEach(h -> b.append("- ").append(h).append('\n'));
    }
    if (!notes.isEmpty()) {
      b.append("Notes:\n");
      notes.forEach(n -> b.append("- ").append(n).append('\n'));
    }
    return b.append(totals()).append('\n').toString();
  }

  /**
   * A direction's relative error, {@code ≈0} when both slopes are within the tolerance of 0, marked {@code *} when
   * it disagreed and {@code k} when it stepped past a kink.
   */
  private static String direction(ParameterCheck c, String what) {
    return c.directions().stream().filter(p -> p.what().equals(what)).findFirst()
        .map(p -> (p.negligible() ? "≈0" : String.format(Locale.ROOT, "%.1e", p.relativeError()))
            + (!p.agrees() ? "*" : p.retries() > 0 ? "k" : ""))
        .orElse("—");
  }

  private static String elements(ParameterCheck c) {
    if (c.elements().isEmpty()) {
      return "—";
    }
    long bad = c.elements().stream().filter(p -> !p.agrees()).count();
    return bad + "/" + c.elements().size() + " off";
  }
}
