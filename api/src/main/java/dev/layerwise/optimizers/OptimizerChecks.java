package dev.layerwise.optimizers;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.schedules.LearningRateSchedule;

/** Shared argument checks for optimizer records. */
final class OptimizerChecks {
  private OptimizerChecks() {}

  static void positive(String optimizer, String field, double value) {
    checkArgument(value > 0 && Double.isFinite(value), "%s: %s must be positive and finite, got %s",
        optimizer, field, value);
  }

  static void nonNegative(String optimizer, String field, double value) {
    checkArgument(value >= 0 && Double.isFinite(value), "%s: %s must be non-negative and finite, got %s",
        optimizer, field, value);
  }

  static void unitInterval(String optimizer, String field, double value) {
    checkArgument(value >= 0 && value < 1, "%s: %s must be in [0, 1), got %s", optimizer, field, value);
  }

  /**
   * What every optimizer has: a schedule, clipping, and a decoupled weight decay λ ≥ 0 (Keras's
   * {@code weight_decay}; 0 for none).
   */
  static void common(String optimizer, LearningRateSchedule learningRate, double weightDecay,
      GradientClipping clipping) {
    requireNonNull(learningRate, optimizer + ": learningRate");
    requireNonNull(clipping, optimizer + ": clipping");
    nonNegative(optimizer, "weightDecay", weightDecay);
  }

  static void formula(String optimizer, UpdateFormula formula) {
    requireNonNull(formula, optimizer + ": formula");
  }

  /** A slot name must be one of the optimizer's. */
  static void slot(Optimizer optimizer, String slot) {
    checkArgument(optimizer.slotNames().contains(slot), "%s has no slot '%s'; its slots are %s",
        optimizer.getClass().getSimpleName(), slot, optimizer.slotNames());
  }

  /** A constant rate, checked here so the message names the optimizer. */
  static LearningRateSchedule rate(String optimizer, double learningRate) {
    positive(optimizer, "learningRate", learningRate);
    return LearningRateSchedule.constant(learningRate);
  }
}
