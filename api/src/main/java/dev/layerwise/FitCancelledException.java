package dev.layerwise;

import java.util.concurrent.CancellationException;

/**
 * {@code fit} stopped early at a step boundary because its thread was interrupted ({@link Thread#interrupt()}) or
 * the model was closed from another thread. Nothing is half done: the step before the boundary completed, the
 * next one never started, so the model holds the weights (and optimizer state) after {@link #iterations()} updates
 * and stays usable unless it was closed. {@link #history()} holds the epochs that completed; the interrupted epoch
 * is not in it and is not counted in {@link CompiledModel#trainingState()}, but its learning rates up to the stop
 * are in {@link History#learningRates()}. The interrupt flag is left set, as the thread's owner expects.
 *
 * <p>A {@link CancellationException}, hence an {@link IllegalStateException}.
 */
public final class FitCancelledException extends CancellationException {
  private final transient History history;
  private final long iterations;
  private final int epoch;
  private final int batch;

  /**
   * @param reason what stopped it, e.g. {@code its thread was interrupted}
   * @param iterations updates done in total when it stopped (the step at the boundary was not taken)
   * @param epoch the 1-based epoch it stopped in
   * @param batch the 1-based batch of that epoch that was about to run
   */
  public FitCancelledException(String reason, long iterations, int epoch, int batch, History history) {
    super(String.format("fit stopped before batch %d of epoch %d because %s; the model holds the weights after"
        + " update %d, %d complete epoch(s) are in the History (FitCancelledException.history())", batch, epoch,
        reason, iterations, history.epochCount()));
    this.history = history;
    this.iterations = iterations;
    this.epoch = epoch;
    this.batch = batch;
  }

  /** The epochs that completed before the stop. */
  public History history() {
    return history;
  }

  /** Updates taken in total (across every {@code fit} of the model) when fit stopped. */
  public long iterations() {
    return iterations;
  }

  /** The 1-based epoch of this fit that was stopped. */
  public int epoch() {
    return epoch;
  }

  /** The 1-based batch of that epoch that was about to run and did not. */
  public int batch() {
    return batch;
  }
}
