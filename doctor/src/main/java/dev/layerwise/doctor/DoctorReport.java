package dev.layerwise.doctor;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What {@link TrainingDoctor} found: every check in the order it ran, the figures it drew (the trial fit's curves
 * and rates, the per-layer activations and update ratios, the range test's loss against rate), and the seconds it
 * took. The figures are XChart charts, drawn only when written ({@link #writeHtml}).
 *
 * @param model the model's name
 * @param checks the checks, in the order they ran
 * @param figures the charts with their captions, in the order they were drawn
 * @param seconds the doctor's wall-clock time
 */
public record DoctorReport(String model, List<Check> checks, List<HtmlReport.Figure> figures, double seconds) {
  public DoctorReport {
    requireNonNull(model, "model");
    checks = List.copyOf(checks);
    figures = List.copyOf(figures);
  }

  /**
   * Writes the one-page report into {@code dir}: {@code index.html} with the checks coloured by verdict and the
   * figures as PNGs beside it; whole or not at all ({@link HtmlReport#write}). Returns the page's path.
   */
  public Path writeHtml(Path dir) {
    return HtmlReport.write(dir, "Training doctor: " + model, checks, figures);
  }

  /** The worst verdict: FAIL if any check failed, else WARN if any warned, else PASS. */
  public Verdict verdict() {
    return checks.stream().map(Check::verdict).max(Comparator.naturalOrder()).orElse(Verdict.PASS);
  }

  /** The checks with this verdict. */
  public List<Check> withVerdict(Verdict v) {
    return checks.stream().filter(c -> c.verdict() == v).toList();
  }

  /** The check of this name. */
  public Check check(String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("no check '" + name + "'; the report has "
            + checks.stream().map(Check::name).toList()));
  }

  /** The report as text: a headline, then each check ({@link Check#toText()}), failures first. */
  public String toText() {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "Training doctor: %s — %s (%d checks: %d FAIL,"
        + " %d WARN) in %.1f s%n", model, verdict(), checks.size(), withVerdict(Verdict.FAIL).size(),
        withVerdict(Verdict.WARN).size(), seconds));
    checks.stream().sorted(Comparator.comparing(Check::verdict).reversed())
        .forEach(c -> b.append("  ").append(c.toText().replace("\n", "\n  ")).append('\n'));
    return b.toString();
  }
}
