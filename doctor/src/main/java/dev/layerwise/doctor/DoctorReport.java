package dev.layerwise.doctor;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What {@link TrainingDoctor} found: every check in the order it ran, the seconds it took, and the figures it drew.
 *
 * @param model the model's name
 * @param checks the checks, in the order they ran
 * @param seconds the doctor's wall-clock time
 */
public record DoctorReport(String model, List<Check> checks, double seconds) {
  public DoctorReport {
    requireNonNull(model, "model");
    checks = List.copyOf(checks);
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
