package dev.layerwise.layers;

/**
 * The parameter-free activation functions, applied element-wise (softmax: over the last axis).
 *
 * <ul>
 *   <li>{@link #LINEAR}: f(z) = z
 *   <li>{@link #RELU}: f(z) = max(0, z); f'(0) is taken as 0
 *   <li>{@link #SIGMOID}: f(z) = 1 / (1 + e^(−z)); saturates for |z| large, f' ≤ 1/4
 *   <li>{@link #TANH}: f(z) = (e^z − e^(−z)) / (e^z + e^(−z)); zero-centred, saturates at ±1
 *   <li>{@link #SOFTMAX}: f(z)_i = e^(z_i) / Σ_j e^(z_j) over the last axis; outputs sum to 1
 * </ul>
 */
public enum ActivationFn {
  LINEAR("linear"),
  RELU("relu"),
  SIGMOID("sigmoid"),
  TANH("tanh"),
  SOFTMAX("softmax");

  private final String kerasName;

  ActivationFn(String kerasName) {
    this.kerasName = kerasName;
  }

  /** The name Keras uses for it ({@code "relu"}). */
  public String kerasName() {
    return kerasName;
  }
}
