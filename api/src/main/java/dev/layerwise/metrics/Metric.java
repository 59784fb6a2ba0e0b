package dev.layerwise.metrics;

/**
 * A quality measure reported during training and evaluation (computed in Java from the model's outputs, so it is
 * the same on every backend). Which accuracy is meant follows from the loss, as Keras's {@code "accuracy"} does:
 *
 * <ul>
 *   <li>sparse categorical cross-entropy: {@code argmax(p) == label}
 *   <li>categorical cross-entropy, KL divergence, categorical hinge: {@code argmax(p) == argmax(y)}
 *   <li>binary cross-entropy: {@code (p > 0.5) == (y > 0.5)} per output, with threshold 0 on logits
 *   <li>mean squared error, mean absolute error, Huber: {@code p == y} exactly, per output
 * </ul>
 */
public enum Metric {
  ACCURACY("accuracy");

  private final String key;

  Metric(String key) {
    this.key = key;
  }

  /** The key under which {@code History} and {@code Evaluation} report it ({@code "accuracy"}). */
  public String key() {
    return key;
  }
}
