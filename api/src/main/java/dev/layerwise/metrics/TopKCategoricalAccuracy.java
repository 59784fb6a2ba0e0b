package dev.layerwise.metrics;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Keras's {@code TopKCategoricalAccuracy(k)} and {@code SparseTopKCategoricalAccuracy(k)}: the share of rows whose
 * true class is among the k highest outputs. As Keras's {@code in_top_k}, ties count in the prediction's favour:
 * a row is right when fewer than k classes score strictly higher than the true one. Labels may be class indices or
 * one-hot rows (the true class is then the label's argmax, as Keras does). Key {@code
 * "top_k_categorical_accuracy"} for both label forms (Keras names the sparse one
 * {@code "sparse_top_k_categorical_accuracy"}; here, as for {@code accuracy}, the labels follow from the loss).
 *
 * @param k how many top classes count, 1 ≤ k ≤ the number of classes (checked at compile time)
 */
public record TopKCategoricalAccuracy(int k) implements Metric {
  /** Keras's default k. */
  public static final int DEFAULT_K = 5;

  public TopKCategoricalAccuracy {
    checkArgument(k >= 1, "TopKCategoricalAccuracy: k must be at least 1, got %s", k);
  }

  @Override
  public String key() {
    return "top_k_categorical_accuracy";
  }

  @Override
  public MetricAccumulator accumulator(Readout readout) {
    checkArgument(readout.kind() == Readout.Kind.CATEGORICAL, "%s needs a categorical model (a categorical"
        + " cross-entropy, kl_divergence or categorical_hinge loss), got %s", key(), readout.describe());
    checkArgument(k <= readout.classes(), "%s: k must be at most the number of classes, %s, got k = %s", key(),
        readout.classes(), k);
    return new TopKAccumulator(k, readout);
  }
}
