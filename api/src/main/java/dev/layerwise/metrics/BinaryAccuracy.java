package dev.layerwise.metrics;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Keras's {@code BinaryAccuracy(threshold)}: per output value, whether {@code p > threshold} agrees with the
 * label; key {@code "binary_accuracy"}. For a sigmoid model the threshold applies to the probability (on logits,
 * to {@code sigmoid(z)}: Layerwise knows from the loss which it reads; Keras compares raw values), for a regression
 * model to the raw output (Keras's use with an MSE-trained sigmoid output). A label counts as positive above 0.5;
 * Keras compares the thresholded prediction with the label for equality, which is the same on 0/1 labels and
 * never right on soft ones.
 *
 * @param threshold in [0, 1]
 */
public record BinaryAccuracy(double threshold) implements Metric {
  /** Keras's default threshold. */
  public static final double DEFAULT_THRESHOLD = 0.5;

  public BinaryAccuracy {
    checkArgument(threshold >= 0 && threshold <= 1, "BinaryAccuracy: threshold must be in [0, 1], got %s",
        threshold);
  }

  public BinaryAccuracy withThreshold(double threshold) {
    return new BinaryAccuracy(threshold);
  }

  @Override
  public String key() {
    return "binary_accuracy";
  }

  @Override
  public MetricAccumulator accumulator(Readout readout) {
    checkArgument(readout.kind() != Readout.Kind.CATEGORICAL, "%s judges each output on its own: it needs sigmoid"
        + " outputs (binary_crossentropy) or a regression output, got %s; use accuracy or top-k", key(),
        readout.describe());
    return new BinaryAccuracyAccumulator(threshold, readout);
  }
}
