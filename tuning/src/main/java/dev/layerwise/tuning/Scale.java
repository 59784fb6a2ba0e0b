package dev.layerwise.tuning;

/**
 * How a numeric parameter is spread over its range. The course's advice: a learning rate or a regularisation
 * strength is searched on a log scale, because 1e-4 → 1e-3 matters as much as 1e-2 → 1e-1; sampling uniformly on
 * [1e-4, 1e-1] would spend 90% of the trials in the last decade.
 */
public enum Scale {
  /** Evenly over [lo, hi]. */
  LINEAR,
  /** Evenly over [ln lo, ln hi]; needs {@code 0 < lo}. */
  LOG
}
