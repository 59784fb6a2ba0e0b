package dev.layerwise.spi;

import static com.google.common.base.Preconditions.checkState;

import java.util.List;
import java.util.Map;

/**
 * Everything one backward pass yields, for conformance checks and gradient checking.
 *
 * @param loss the objective's value, {@code Σₖ wₖ·Lₖ} plus regularization ({@code NaN} when the pass was seeded
 *     with output cotangents rather than a loss)
 * @param regularizationLoss the regularization part of {@code loss} (0 without regularizers, {@code NaN} with
 *     cotangents)
 * @param outputLosses each output's own mean loss, unweighted, in output order (empty with cotangents)
 * @param outputs the model's outputs for the batch, in output order
 * @param inputGradients {@code ∂L/∂x} for each input, shaped like its features, in input order
 * @param weightGradients {@code ∂L/∂w} for every trainable weight, by full name, in the model's weight order;
 *     from {@code lossGradients} they include the regularization penalty's gradient, from {@code outputGradients}
 *     (the plain vector–Jacobian product) they do not
 */
public record Gradients(double loss, double regularizationLoss, List<Double> outputLosses, List<TensorValue> outputs,
    List<TensorValue> inputGradients, Map<String, TensorValue> weightGradients) {
  public Gradients {
    outputLosses = List.copyOf(outputLosses);
    outputs = List.copyOf(outputs);
    inputGradients = List.copyOf(inputGradients);
  }

  /** The gradients of a model with one input and one output ({@code inputGradient} null when not computed). */
  public Gradients(double loss, double regularizationLoss, TensorValue output, TensorValue inputGradient,
      Map<String, TensorValue> weightGradients) {
    this(loss, regularizationLoss, Double.isNaN(loss) ? List.of() : List.of(loss - regularizationLoss),
        List.of(output), inputGradient == null ? List.of() : List.of(inputGradient), weightGradients);
  }

  /**
   * The output of the one output.
   *
   * @throws IllegalStateException for a model with several outputs
   */
  public TensorValue output() {
    checkState(outputs.size() == 1, "these gradients are of %s outputs; use outputs()", outputs.size());
    return outputs.get(0);
  }

  /**
   * {@code ∂L/∂x} of the one input.
   *
   * @throws IllegalStateException for a model with several inputs
   */
  public TensorValue inputGradient() {
    checkState(inputGradients.size() == 1, "these gradients are of %s inputs; use inputGradients()",
        inputGradients.size());
    return inputGradients.get(0);
  }
}
