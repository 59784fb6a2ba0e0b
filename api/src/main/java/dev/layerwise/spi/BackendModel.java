package dev.layerwise.spi;

import dev.layerwise.data.Dataset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model compiled by one backend: the small interface the api's training loop drives. The loop (epochs,
 * shuffling, batching, metrics, callbacks, learning rates) lives in the api; each method here is one step.
 *
 * <p>Weights, slots and gradients are keyed by full weight name ({@code dense/kernel}; slots
 * {@code dense/kernel/m}). All shapes include the batch dimension where there is one. A model may have several
 * inputs and outputs: batches carry one feature array per input and one target array per output, and what comes
 * back is per output, all in the spec's order ({@link ModelSpec#inputs()}, {@link ModelSpec#outputs()}). The
 * single-output forms ({@link #predict}, {@link #forward}, {@link #outputGradients(Batch, TensorValue, boolean)})
 * are for models with one output.
 *
 * <p>A batch may carry one weight per sample ({@link Batch#sampleWeights()}): {@code trainStep}, {@code evaluate}
 * and {@code lossGradients} then weigh each sample's loss terms by it, every output alike, and divide by the number
 * of terms as without weights (Keras 3's {@code sum_over_batch_size}); without them every weight is 1.
 *
 * <p>Implementations are safe from any number of threads ({@link ModelLock} does it): the reads ({@code evaluate},
 * {@code predict}, {@code forward}, the gradients, {@code weights}, {@code optimizerSlots}) run concurrently and give
 * the results a single thread gets; the changes ({@code trainStep}, {@code applyGradients}, {@code setWeights},
 * {@code setOptimizerSlots}) and {@code close} wait for the reads in flight and run alone; after {@code close}
 * every call throws {@link IllegalStateException}. Deciding which calls may overlap at all (a predict during a
 * fit) is the api's business: {@code CompiledModel} refuses what its contract forbids. A model that owns native
 * memory registers with the {@link LeakNet}.
 */
public interface BackendModel extends AutoCloseable {

  /**
   * One optimisation step: forward in training mode (dropout masks from the batch), loss plus regularization,
   * gradients, update, and the layers' own state updates (batch normalisation's moving statistics).
   *
   * <p>A step that would make the model non-finite is refused, on every backend alike: if the loss, a gradient, a
   * new moving statistic or a value the optimizer writes holds NaN or ±∞, the call throws a
   * {@link NonFiniteStepException} naming the first such quantity (in the order that class gives) and leaves every
   * weight, slot and moving statistic as it was before the call.
   *
   * @param learningRate this step's learning rate, computed by the api: finite and ≥ 0
   * @param step the 1-based index of this update, ≥ 1 (Adam's bias corrections use it)
   * @return the loss before the update (always finite) and the outputs the gradients were taken at
   * @throws NonFiniteStepException for a refused step, having changed nothing
   */
  StepResult trainStep(Batch batch, double learningRate, long step);

  /**
   * Offers {@link StepChunks}: K training steps per call on {@code data} held by the backend (uploaded now, or kept
   * from the last call when {@code data} holds the very same arrays), batches of {@code batchSize}. Empty when the
   * backend has no such mode (the loop then calls {@link #trainStep} once per step). The data is checked and
   * arranged in the model's input and output order; its sample weights, if any, weigh the steps' losses.
   *
   * @param steps K, at least 2
   */
  default Optional<StepChunks> stepChunks(Dataset data, int batchSize, int steps) {
    return Optional.empty();
  }

  /**
   * Whether every call costs enough, whatever its size, that prediction should put several batches into one call (TF Java: ~50 µs per {@code Session.run}); the loop then joins batches while the
   * model is small. False by default: the batches go as the caller sized them.
   */
  default boolean prefersLargeCalls() {
    return false;
  }

  /** Forward in inference mode and the loss; nothing changes. */
  StepResult evaluate(Batch batch);

  /** Forward in inference mode: per output, {@code size × outputSize} values, row-major, float32. */
  List<float[]> predictOutputs(Batch batch);

  /** {@link #predictOutputs} of a model with one output. */
  default float[] predict(Batch batch) {
    return single(predictOutputs(batch), "predict", "predictOutputs");
  }

  /** Forward in the given mode, per output, in the backend's own precision (for conformance and gradient checks). */
  List<TensorValue> forwardOutputs(Batch batch, boolean training);

  /**
   * The outputs of the named core nodes ({@link ModelSpec#nodes()}) in a forward pass in the given mode, each
   * {@code [size, ...outputShape]}, in the backend's own precision, in the order asked (a name may come twice): the
   * intermediate values of the pass {@link #forwardOutputs} makes, computed by the same model in one pass. An unknown
   * node name is an {@link IllegalArgumentException}.
   */
  List<TensorValue> forwardNodes(Batch batch, boolean training, List<String> nodes);

  /** {@link #forwardOutputs} of a model with one output. */
  default TensorValue forward(Batch batch, boolean training) {
    return single(forwardOutputs(batch, training), "forward", "forwardOutputs");
  }

  /**
   * The objective (the weighted output losses plus regularization) on a labelled batch and its gradients with
   * respect to every input and every trainable weight, in training mode; nothing changes (no update, no moving
   * statistics).
   */
  Gradients lossGradients(Batch batch);

  /**
   * A vector–Jacobian product: the gradients of {@code L = Σₖ Σ Rₖ ⊙ outputₖ} for given output cotangents Rₖ (one per
   * output, in output order, each of its output's shape), with respect to every input and every trainable weight,
   * in the given mode (regularization not included).
   */
  Gradients outputGradients(Batch batch, List<TensorValue> outputCotangents, boolean training);

  /** {@link #outputGradients(Batch, List, boolean)} of a model with one output. */
  default Gradients outputGradients(Batch batch, TensorValue outputCotangent, boolean training) {
    return outputGradients(batch, List.of(outputCotangent), training);
  }

  /**
   * One optimizer update from given gradients (every trainable weight must have one), clipped by the optimizer's
   * {@code GradientClipping} exactly as {@link #trainStep} clips its own (teacher forcing). Layer state such as
   * batch normalisation's moving statistics is not touched: only {@code trainStep} has a batch to update it from.
   * Unlike {@code trainStep} it writes whatever the update gives, finite or not: conformance checks teacher-force
   * it and compare the raw results.
   */
  void applyGradients(Map<String, TensorValue> gradients, double learningRate, long step);

  /** Current values of every weight, by full name, in model order. */
  Map<String, TensorValue> weights();

  /**
   * Overwrites the named weights; any subset may be given, but every name and shape must match the model's, and
   * a bad entry changes nothing. A freshly compiled model holds some valid values; {@code CompiledModel} sets
   * the seeded initial weights right after compiling.
   */
  void setWeights(Map<String, TensorValue> values);

  /** The optimizer's per-weight state, by {@code <weight>/<slot>}. */
  Map<String, TensorValue> optimizerSlots();

  /** Overwrites optimizer state (any subset); names and shapes must match {@link #optimizerSlots()}. */
  void setOptimizerSlots(Map<String, TensorValue> values);

  /** Frees native resources; the model is unusable afterwards. Idempotent. */
  @Override
  void close();

  private static <T> T single(List<T> outputs, String method, String instead) {
    if (outputs.size() != 1) {
      throw new IllegalStateException(String.format("%s: the model has %s outputs; use %s", method, outputs.size(),
          instead));
    }
    return outputs.get(0);
  }
}
