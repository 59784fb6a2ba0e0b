package dev.layerwise;

/**
 * Hooks into {@code fit}: progress display, early stopping, checkpoints, learning-rate logging. All methods
 * default to doing nothing.
 */
public interface FitCallback {

  /** Before the first epoch. */
  default void onTrainBegin(int epochs, int stepsPerEpoch, int samples) {}

  /** Before each epoch; {@code epoch} is 1-based. */
  default void onEpochBegin(int epoch, int epochs) {}

  /** After each epoch, with its training (and validation) results. */
  default void onEpochEnd(EpochLogs logs) {}

  /** After the last epoch (or an early stop). */
  default void onTrainEnd(History history) {}

  /** Asked after every epoch; returning true ends training there (e.g. early stopping). */
  default boolean stopTraining() {
    return false;
  }
}
