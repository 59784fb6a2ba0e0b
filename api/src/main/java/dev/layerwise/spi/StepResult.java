package dev.layerwise.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a training or evaluation step returns.
 *
 * @param loss the objective of the batch: {@code Σₖ wₖ·Lₖ} over the outputs (each output's mean loss times its loss
 *     weight) plus the regularization penalty (before the update, in a training step)
 * @param regularizationLoss the penalty part of {@code loss} (0 without regularizers)
 * @param outputLosses each output's own mean loss {@code Lₖ}, unweighted, in the model's output order
 * @param outputs the model's outputs for the batch, one array per output ({@code size × outputSize}, row-major),
 *     from which the api computes the metrics
 */
public record StepResult(double loss, double regularizationLoss, double[] outputLosses, List<float[]> outputs) {
  public StepResult {
    requireNonNull(outputLosses, "outputLosses");
    outputs = List.copyOf(outputs);
    checkArgument(outputLosses.length == outputs.size(), "%s output losses for %s outputs", outputLosses.length,
        outputs.size());
  }

  /** The result of a model with one output, whose loss is {@code loss − regularizationLoss}. */
  public StepResult(double loss, double regularizationLoss, float[] predictions) {
    this(loss, regularizationLoss, new double[] {loss - regularizationLoss}, List.of(predictions));
  }

  /**
   * The outputs of the one output.
   *
   * @throws IllegalStateException for a model with several outputs
   */
  public float[] predictions() {
    checkState(outputs.size() == 1, "this step has %s outputs; use outputs()", outputs.size());
    return outputs.get(0);
  }
}
