package dev.layerwise;

/**
 * What a {@link FitCallback} can see of and change in the {@code fit} it runs in: handed to
 * {@link FitCallback#onTrainBegin(FitContext)}, valid until {@code onTrainEnd} returns, used only from the thread
 * running the fit.
 *
 * <h2>The learning rate</h2>
 * The rate of update t (1-based) is
 *
 * <pre>
 *   rate(t) = max(base(t) × scale, floor)     when scale &lt; 1
 *   rate(t) = base(t)                          when scale = 1 (no reduction yet)
 *   base(t) = the rate set by {@link #setBaseLearningRate} if any, else the optimizer's schedule at t − 1
 * </pre>
 *
 * {@code LearningRateScheduler} sets the base (Keras assigns the optimizer's rate), {@code ReduceLROnPlateau} the
 * scale and floor. So with a {@code LearningRateSchedule} the plateau factor multiplies the schedule: Keras
 * refuses that pair, Layerwise composes them.
 */
public interface FitContext {

  /** The model being trained: read or set its weights from a callback (the fit's own thread may). */
  CompiledModel model();

  /** The epochs already done when this fit started ({@link FitOptions#initialEpoch()}): 0 for a fresh run. */
  int initialEpoch();

  /** The index of the last epoch ({@link FitOptions#epochs()}). */
  int epochs();

  int stepsPerEpoch();

  /** Training samples per epoch. */
  int samples();

  /** The rate the next update uses (see the class comment). */
  double learningRate();

  /** {@code base(t)} of the next update: the rate set by {@link #setBaseLearningRate}, else the schedule's. */
  double baseLearningRate();

  /**
   * Replaces the optimizer's schedule by a constant {@code rate} for the following updates (finite, ≥ 0).
   *
   * @throws IllegalArgumentException for a negative, NaN or infinite rate
   */
  void setBaseLearningRate(double rate);

  /**
   * Multiplies the base rate by {@code scale} (in (0, 1]) for the following updates, never going below
   * {@code floor} (≥ 0) while {@code scale < 1}.
   */
  void scaleLearningRate(double scale, double floor);

  /** The scale set by {@link #scaleLearningRate}, 1 if none. */
  double learningRateScale();

  /**
   * Ends training after the current step (called between steps) or after this epoch (called at its end); the
   * epoch still ends (validation, {@code onEpochEnd}) and {@code onTrainEnd} runs. The first reason given is the
   * one {@link History#stopReason()} keeps.
   */
  void stopTraining(String reason);

  /** Whether a stop was requested. */
  boolean stopRequested();
}
