package dev.layerwise.reference.losses;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.losses.Loss;
import dev.layerwise.reference.activations.SigmoidEquations;

/**
 * Binary cross-entropy over K independent yes/no outputs per sample, labels y ∈ [0, 1] of the output's shape,
 * averaged over all N·K elements.
 *
 * <p>From probabilities p, with {@code p̂ = clip(p, ε, 1 − ε)} and ε = {@value Loss#EPSILON}:
 * <ul>
 *   <li>{@code ℓ = −(1/K) Σ_k [y log p̂ + (1 − y) log(1 − p̂)]}
 *   <li>{@code ∂L/∂p = (p̂ − y) / (p̂ (1 − p̂)) / (N·K)} where {@code ε ≤ p ≤ 1 − ε}, from
 *       {@code ∂/∂p̂ [−y log p̂ − (1 − y) log(1 − p̂)] = −y/p̂ + (1 − y)/(1 − p̂)}; 0 strictly outside, where the
 *       clip is flat. At exactly ε or 1 − ε the gradient passes, as TF's {@code ClipByValue} lets it.
 * </ul>
 *
 * <p>From logits z, never forming σ(z) (whose log underflows):
 * <ul>
 *   <li>{@code ℓ = (1/K) Σ_k [y·softplus(−z) + (1 − y)·softplus(z)]}, since {@code −log σ(z) = softplus(−z)} and
 *       {@code −log(1 − σ(z)) = softplus(z)}
 *   <li>{@code ∂L/∂z = (σ(z) − y) / (N·K)}, since {@code softplus′(z) = σ(z)} and {@code σ(−z) = 1 − σ(z)}
 * </ul>
 */
public final class BinaryCrossentropyEquations implements RefLossEquations {
  private static final double EPS = Loss.EPSILON;

  private final boolean fromLogits;

  public BinaryCrossentropyEquations(boolean fromLogits) {
    this.fromLogits = fromLogits;
  }

  @Override
  public double loss(double[] out, double[] y) {
    checkLabels(out, y);
    double sum = 0;
    for (int i = 0; i < out.length; i++) {
      if (fromLogits) {
        sum += y[i] * softplus(-out[i]) + (1 - y[i]) * softplus(out[i]);
      } else {
        double p = clip(out[i]);
        sum -= y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p);
      }
    }
    return sum / out.length;
  }

  @Override
  public double[] gradient(double[] out, double[] y) {
    checkLabels(out, y);
    int total = out.length;
    double[] g = new double[total];
    for (int i = 0; i < total; i++) {
      if (fromLogits) {
        g[i] = (SigmoidEquations.sigmoid(out[i]) - y[i]) / total;
      } else {
        double p = out[i];
        boolean clipped = p < EPS || p > 1 - EPS;
        g[i] = clipped ? 0 : (p - y[i]) / (p * (1 - p)) / total;
      }
    }
    return g;
  }

  private static double clip(double p) {
    return Math.min(Math.max(p, EPS), 1 - EPS);
  }

  /** {@code softplus(z) = log(1 + e^z) = max(z, 0) + log1p(e^(−|z|))}: the exponent is never positive. */
  static double softplus(double z) {
    return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
  }

  private static void checkLabels(double[] out, double[] y) {
    checkArgument(out.length == y.length, "binary_crossentropy: labels must have the output's %s values, got %s",
        out.length, y.length);
  }
}
