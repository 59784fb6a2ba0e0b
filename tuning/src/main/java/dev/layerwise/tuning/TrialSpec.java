package dev.layerwise.tuning;

import java.util.OptionalInt;

/**
 * What a strategy asks the study to run.
 *
 * @param number the trial's number, unique and stable within a study (the same seed, space and results give the
 *     same numbers), usable as the journal's key
 * @param params the hyperparameters
 * @param seed the training seed (weights, shuffling); the strategies here give every trial the study's seed, so two
 *     trials differ by their hyperparameters and not by the luck of their initialisation
 * @param budgetEpochs the total number of epochs the model should have been trained for when the trial ends
 * @param continues for a promoted trial of successive halving, Hyperband or ASHA: the earlier trial whose checkpoint
 *     it resumes (train {@code budgetEpochs} minus that trial's budget more epochs); empty for a fresh model
 * @param stage where the trial sits in its strategy, for tables: {@code "round 2"}, {@code "bracket 3 rung 1"}
 */
public record TrialSpec(int number, Hyperparameters params, long seed, int budgetEpochs, OptionalInt continues,
    String stage) {
  public TrialSpec {
    if (number < 0) {
      throw new IllegalArgumentException("trial numbers must be ≥ 0, given " + number);
    }
    if (params == null || stage == null || continues == null) {
      throw new IllegalArgumentException("trial " + number + ": params, continues and stage must be non-null");
    }
    if (budgetEpochs < 1) {
      throw new IllegalArgumentException(
          "trial " + number + ": expected a budget of at least 1 epoch, given " + budgetEpochs);
    }
  }

  /** A fresh trial (no checkpoint to continue). */
  public TrialSpec(int number, Hyperparameters params, long seed, int budgetEpochs) {
    this(number, params, seed, budgetEpochs, OptionalInt.empty(), "");
  }

  /** Whether the trial resumes an earlier trial's checkpoint. */
  public boolean isContinuation() {
    return continues.isPresent();
  }
}
