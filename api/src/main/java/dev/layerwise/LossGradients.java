package dev.layerwise;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The gradients of a model's loss on a batch ({@link CompiledModel#gradients}), Keras's {@code GradientTape}
 * result: the objective
 * <pre>
 *   L = Σₖ wₖ·Lₖ + R        Lₖ: output k's loss, averaged over the batch; wₖ: its loss weight (1 unless given)
 *                            R: the weights' penalties (regularizers), 0 without any
 * </pre>
 * and its gradient with respect to every trainable weight and every input, each of the shape of what it is the
 * gradient of, in the model's precision. Taken in training mode (dropout drops, batch normalisation uses the batch's
 * statistics), as a training step takes them before it updates anything; nothing is updated here.
 *
 * @param loss {@code L}, the objective a training step minimises
 * @param regularizationLoss {@code R}
 * @param outputLosses each {@code Lₖ}, unweighted, by output name
 * @param weights {@code ∂L/∂w} of every trainable weight, by full name ({@code dense/kernel}), in model order; the
 *     penalty's gradient included
 * @param inputs {@code ∂L/∂x} of every input, {@code [samples, ...input shape]}, by input name
 * @param outputs the model's outputs at which the gradients were taken, by output name
 * @param dropoutMasks the mask each Dropout layer used and the draws each augmentation layer used, by layer name
 */
public record LossGradients(double loss, double regularizationLoss, Map<String, Double> outputLosses,
    Map<String, NdValue> weights, Map<String, NdValue> inputs, Map<String, NdValue> outputs,
    Map<String, NdValue> dropoutMasks) {
  public LossGradients {
    outputLosses = Collections.unmodifiableMap(new LinkedHashMap<>(outputLosses));
    weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    dropoutMasks = Collections.unmodifiableMap(new LinkedHashMap<>(dropoutMasks));
  }

  /** {@code Σₖ wₖ·Lₖ}: the loss without the penalties. */
  public double dataLoss() {
    return loss - regularizationLoss;
  }

  /** {@code ∂L/∂w} of one trainable weight, by full name. */
  public NdValue weight(String name) {
    NdValue v = weights.get(name);
    checkArgument(v != null, "no gradient of '%s'; the trainable weights are %s", name, weights.keySet());
    return v;
  }

  /**
   * {@code ∂L/∂x} of a model with one input.
   *
   * @throws IllegalStateException for a model with several inputs
   */
  public NdValue input() {
    checkState(inputs.size() == 1, "the model has %s inputs %s; use input(name)", inputs.size(), inputs.keySet());
    return inputs.values().iterator().next();
  }

  /** {@code ∂L/∂x} of the named input. */
  public NdValue input(String name) {
    NdValue v = inputs.get(name);
    checkArgument(v != null, "no input '%s'; the inputs are %s", name, inputs.keySet());
    return v;
  }
}
