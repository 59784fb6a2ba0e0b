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
 *   <li>{@link #ELU}: f(z) = z for z &gt; 0, e^z − 1 otherwise ({@link ELU} with α = 1); f'(0) is taken as α = 1
 *   <li>{@link #SELU}: f(z) = λ·z for z &gt; 0, λα(e^z − 1) otherwise, λ ≈ 1.0507, α ≈ 1.6733; with LeCun-normal
 *       weights it keeps activations near zero mean and unit variance; f'(0) is taken as λ
 * </ul>
 *
 * <p>Activations with a parameter are layers of their own: {@link LeakyReLU}, {@link PReLU}, {@link ELU},
 * {@link Softmax} (any axis), {@link Maxout}; {@link Hardmax} is inference-only.
 */
public enum ActivationFn {
  LINEAR("linear"),
  RELU("relu"),
  SIGMOID("sigmoid"),
  TANH("tanh"),
  SOFTMAX("softmax"),
  ELU("elu"),
  SELU("selu");

  /** SELU's λ (Klambauer et al. 2017). */
  public static final double SELU_SCALE = 1.0507009873554804934193349852946;
  /** SELU's α. */
  public static final double SELU_ALPHA = 1.6732632423543772848170429916717;
  /** λ·α as one literal (TF's), so float64 backends agree to the last bit. */
  public static final double SELU_SCALE_ALPHA = 1.7580993408473768599402175208123;

  private final String kerasName;

  ActivationFn(String kerasName) {
    this.kerasName = kerasName;
  }

  /** The name Keras uses for it ({@code "relu"}). */
  public String kerasName() {
    return kerasName;
  }
}
