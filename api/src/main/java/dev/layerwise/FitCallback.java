package dev.layerwise;

/**
 * Hooks into {@code fit}: progress display, early stopping, learning-rate changes, checkpoints, logs. All methods
 * default to doing nothing. They run on the thread that called {@code fit}, in the order the callbacks were given.
 * The callbacks Keras users expect are in {@code dev.layerwise.callbacks} ({@code EarlyStopping},
 * {@code ReduceLROnPlateau}, {@code CSVLogger}, {@code LearningRateScheduler}, {@code LambdaCallback});
 * {@link ModelCheckpoint} and {@link Progress} are here.
 *
 * <h2>Order of the hooks</h2>
 * {@link #onTrainBegin(FitContext)} once (it calls {@link #onTrainBegin(int, int, int)} unless overridden); per
 * epoch {@link #onEpochBegin}, then per step {@link #onBatchBegin} and {@link #onBatchEnd}, then
 * {@link #onEpochEnd}; {@link #onTrainEnd} once, after the last epoch or an early stop (not after an exception).
 *
 * <h2>Changing the run</h2>
 * The {@link FitContext} given to {@link #onTrainBegin(FitContext)} is how a callback acts on the run: stop it
 * (with a reason {@link History#stopReason()} keeps), change the learning rate, read and set the weights of the
 * model through {@link FitContext#model()}. Keep it for the later hooks; it is valid until {@code onTrainEnd}
 * returns.
 *
 * <h2>Acting between single steps: {@link #needsEveryStep()}</h2>
 * A callback whose {@link #onBatchBegin} or {@link #onBatchEnd} can change the run (stop it, change the rate or
 * the weights) or must observe every single step (per-step logs) returns {@code true} from
 * {@link #needsEveryStep()}. The contract: when no callback of a fit needs every step
 * ({@link FitOptions#needsEveryStep()} is false), the training loop may run several steps in one backend call
 * ({@link FitOptions#stepsPerExecution()}) and call the batch hooks after it: for each step in order
 * {@link #onBatchBegin} then {@link #onBatchEnd} with that step's own logs. Epoch hooks always run at every epoch. A
 * callback that only displays or records progress ({@link Progress}) does not need every step. With a callback that
 * does, every step runs alone and both batch hooks run around it.
 */
public interface FitCallback {

  /**
   * Before the first epoch, with the run's {@link FitContext}. The default calls
   * {@link #onTrainBegin(int, int, int)} with the context's epochs, steps per epoch and samples.
   */
  default void onTrainBegin(FitContext context) {
    onTrainBegin(context.epochs(), context.stepsPerEpoch(), context.samples());
  }

  /**
   * Before the first epoch, for callbacks that need only the run's size.
   *
   * @param epochs the index of the last epoch ({@link FitOptions#epochs()})
   */
  default void onTrainBegin(int epochs, int stepsPerEpoch, int samples) {}

  /** Before each epoch; {@code epoch} is 1-based ({@code initialEpoch + 1} first, see {@link FitOptions}). */
  default void onEpochBegin(int epoch, int epochs) {}

  /** Before each training step: its epoch (1-based), its index in the epoch (1-based) and the epoch's steps. */
  default void onBatchBegin(int epoch, int step, int steps) {}

  /** After each training step, with the step's own loss and the epoch's running loss and metrics so far. */
  default void onBatchEnd(BatchLogs logs) {}

  /** After each epoch, with its training (and validation) results. */
  default void onEpochEnd(EpochLogs logs) {}

  /** After the last epoch (or an early stop). */
  default void onTrainEnd(History history) {}

  /**
   * Asked after every epoch; returning true ends training there. {@link FitContext#stopTraining(String)} does the
   * same with a reason and may also be called between steps.
   */
  default boolean stopTraining() {
    return false;
  }

  /**
   * Whether this callback must run between single training steps, because its batch hooks can stop training,
   * change the learning rate or the weights, or record every step (see the class comment). False by default.
   */
  default boolean needsEveryStep() {
    return false;
  }
}
