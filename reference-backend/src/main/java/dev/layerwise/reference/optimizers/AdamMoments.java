package dev.layerwise.reference.optimizers;

/**
 * What Adam (and AdamW) and Nadam share, as Keras 3 and TF's {@code ApplyAdam} compute it: the two moment updates
 * and the step size with both bias corrections folded in. Each rule then writes its own weight update from the
 * updated m and v.
 *
 * <pre>
 *   α = η · √(1 − β₂ᵗ) / (1 − β₁ᵗ)      one scalar per step
 *   m ← m + (g − m)(1 − β₁)              = β₁ m + (1 − β₁) g   (slot "m", starts at 0)
 *   v ← v + (g² − v)(1 − β₂)             = β₂ v + (1 − β₂) g²  (slot "v", starts at 0)
 * </pre>
 *
 * <p>The β-powers are {@code Math.pow(β, t)} from the step index the caller passes, never a running product kept
 * here (TF Java's own {@code Adam} races on that product).
 */
final class AdamMoments {
  private final double beta1;
  private final double beta2;

  AdamMoments(String rule, double beta1, double beta2) {
    UpdateChecks.unitInterval(rule, "beta1", beta1);
    UpdateChecks.unitInterval(rule, "beta2", beta2);
    this.beta1 = beta1;
    this.beta2 = beta2;
  }

  double beta1() {
    return beta1;
  }

  /** {@code α = η·√(1 − β₂ᵗ)/(1 − β₁ᵗ)}. */
  double alpha(double learningRate, long step) {
    return learningRate * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
  }

  /** {@code m ← m + (g − m)(1 − β₁)} and {@code v ← v + (g² − v)(1 − β₂)}, per element, in place. */
  void advance(double[] g, double[] m, double[] v) {
    double oneMinusBeta1 = 1 - beta1;
    double oneMinusBeta2 = 1 - beta2;
    for (int i = 0; i < g.length; i++) {
      double gi = g[i];
      m[i] += (gi - m[i]) * oneMinusBeta1;
      v[i] += (gi * gi - v[i]) * oneMinusBeta2;
    }
  }
}
