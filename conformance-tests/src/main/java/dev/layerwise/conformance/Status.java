package dev.layerwise.conformance;

/** The outcome of one row of the report. */
public enum Status {
  PASS,
  FAIL,
  /** A registered, explained difference that still differs. */
  XFAIL,
  /** A registered difference that no longer differs: the registry entry should go. */
  XPASS,
  /** The case threw instead of producing numbers: a failure, kept apart so it is never mistaken for a FAIL. */
  ERROR
}
