package dev.layerwise;

/**
 * Hooks into {@code fit}: progress display, early stopping, checkpoints, learning-rate logging. All methods
 * default to doing nothing. They run on the thread that called {@code fit}, in the order the callbacks were given;
 * {@link #onBatchEnd} runs after every step, so it should return quickly (the progress bar redraws at most every
 * 50 ms).
 */
public interface FitCallback {

  /** Before the first epoch. */
  default void onTrainBegin(int epochs, int stepsPerEpoch, int samples) {}

  /** Before each epoch; {@code epoch} is 1-based. */
  default void onEpochBegin(int epoch, int epochs) {}

  /** After each training step, with the epoch's running loss and metrics so far. */
  default void onBatchEnd(BatchLogs logs) {}

  /** After each epoch, with its training (and validation) results. */
  default void onEpochEnd(EpochLogs logs) {}

  /** After the last epoch (or an early stop). */
  default void onTrainEnd(History history) {}

  /** Asked after every epoch; returning true ends training there (e.g. early stopping). */
  default boolean stopTraining() {
    return false;
  }
}
