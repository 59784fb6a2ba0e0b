package dev.layerwise.optimizers;

import static com.google.common.base.Preconditions.checkArgument;

/** Shared argument checks for optimizer records. */
final class OptimizerChecks {
  private OptimizerChecks() {}

  static void positive(String optimizer, String field, double value) {
    checkArgument(value > 0 && Double.isFinite(value), "%s: %s must be positive and finite, got %s",
        optimizer, field, value);
  }

  static void unitInterval(String optimizer, String field, double value) {
    checkArgument(value >= 0 && value < 1, "%s: %s must be in [0, 1), got %s", optimizer, field, value);
  }
}
