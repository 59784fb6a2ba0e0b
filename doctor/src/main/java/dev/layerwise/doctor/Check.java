package dev.layerwise.doctor;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One check of the doctor: what was measured, what a healthy set-up gives, and — unless it passed — the course's
 * reading of the difference with concrete next steps.
 *
 * @param name what was checked ({@code "label balance"})
 * @param verdict how it came out
 * @param measured the number(s) measured, with units ({@code "smallest class 12 samples, largest 600 (50.0×)"})
 * @param expected what a healthy set-up measures ({@code "at most 3× between classes"})
 * @param reading what a failure means, in the course's words; empty for a pass
 * @param nextSteps what to try, most likely first; empty for a pass
 */
public record Check(String name, Verdict verdict, String measured, String expected, String reading,
    List<String> nextSteps) {
  public Check {
    requireNonNull(name, "name");
    requireNonNull(verdict, "verdict");
    requireNonNull(measured, "measured");
    requireNonNull(expected, "expected");
    requireNonNull(reading, "reading");
    nextSteps = List.copyOf(nextSteps);
  }

  /** A passed check: nothing to read, nothing to do. */
  static Check pass(String name, String measured, String expected) {
    return new Check(name, Verdict.PASS, measured, expected, "", List.of());
  }

  /** The check as a few lines of text: verdict and name, measured against expected, reading, next steps. */
  public String toText() {
    StringBuilder b = new StringBuilder();
    b.append(verdict).append("  ").append(name).append(": ").append(measured).append(" (expected ").append(expected)
        .append(')');
    if (!reading.isEmpty()) {
      b.append("\n      ").append(reading);
    }
    for (String step : nextSteps) {
      b.append("\n      - ").append(step);
    }
    return b.toString();
  }
}
