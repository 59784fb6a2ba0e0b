package dev.layerwise.doctor;

/** How a check came out. */
public enum Verdict {
  /** Measured as a healthy set-up measures. */
  PASS,
  /** Worth a look: training may work, but something is off (the reading says what). */
  WARN,
  /** A set-up that the course's recipe says to fix before a long training. */
  FAIL
}
