package dev.layerwise;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * Thrown by {@code fit} when a training step would make the model non-finite: its loss, a gradient, or a value it
 * would write (a weight, an optimizer slot, a moving statistic) is NaN or ±∞. Training stops at that step and the
 * step is not applied: weights, optimizer slots, moving statistics and the update count are exactly what they were
 * before it, so the model predicts what it predicted before, can be saved, and a later {@code fit} resumes at the
 * refused step. Both backends check the same quantities in the same order.
 *
 * <p>{@link #history()} holds every epoch this {@code fit} completed before the stop, and the learning rate of
 * every update it applied (the epoch in progress is not summarised: its metrics would cover part of an epoch).
 * Callbacks get no {@code onEpochEnd} or {@code onTrainEnd} for the interrupted epoch, as with any exception.
 *
 * <pre>{@code
 * try {
 *   model.fit(train, options);
 * } catch (TrainingDivergedException e) {
 *   System.out.println(e.getMessage());     // which step, what went non-finite, what to try
 *   plot(e.history());
 * }
 * }</pre>
 */
public final class TrainingDivergedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final transient History history;
  private final long step;
  private final int epoch;
  private final int batch;
  private final int batchesPerEpoch;
  private final double learningRate;
  private final String reason;

  /**
   * @param history what the interrupted {@code fit} recorded up to the stop
   * @param step the refused update's 1-based index over the model's life ({@code iterations() + 1})
   * @param epoch the epoch of this {@code fit} it belongs to, 1-based
   * @param batch its batch within the epoch, 1-based, of {@code batchesPerEpoch}
   * @param learningRate the rate it was given
   * @param reason what was not finite, e.g. {@code the loss has NaN values}
   * @param cause the backend's report
   */
  public TrainingDivergedException(History history, long step, int epoch, int batch, int batchesPerEpoch,
      double learningRate, String reason, Throwable cause) {
    super(message(history, step, epoch, batch, batchesPerEpoch, learningRate, reason), cause);
    this.history = requireNonNull(history, "history");
    this.step = step;
    this.epoch = epoch;
    this.batch = batch;
    this.batchesPerEpoch = batchesPerEpoch;
    this.learningRate = learningRate;
    this.reason = reason;
  }

  private static String message(History history, long step, int epoch, int batch, int batchesPerEpoch,
      double learningRate, String reason) {
    return String.format(Locale.ROOT, "fit: update %d (epoch %d, batch %d of %d, learning rate %s) was not applied:"
        + " %s. Weights, optimizer slots, moving statistics and the update count are as they were before it (%d"
        + " updates). Lower the learning rate, clip gradients (e.g. Optimizer.adam(…).withClipping("
        + "GradientClipping.byGlobalNorm(1.0))) or check the data; history() holds the %d epoch(s) completed.",
        step, epoch, batch, batchesPerEpoch, learningRate, reason, step - 1, history.epochCount());
  }

  /** What this {@code fit} recorded before the stop: its completed epochs and the rates of its applied updates. */
  public History history() {
    return history;
  }

  /** The refused update's 1-based index over the model's life; the model has made {@code step() − 1} updates. */
  public long step() {
    return step;
  }

  /** The epoch of the interrupted {@code fit} the refused update belongs to, 1-based. */
  public int epoch() {
    return epoch;
  }

  /** The refused update's batch within its epoch, 1-based. */
  public int batch() {
    return batch;
  }

  public int batchesPerEpoch() {
    return batchesPerEpoch;
  }

  /** The learning rate the refused update was given. */
  public double learningRate() {
    return learningRate;
  }

  /** What was not finite, e.g. {@code the gradient of 'dense/kernel' has NaN values}. */
  public String reason() {
    return reason;
  }
}
