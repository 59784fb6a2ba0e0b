package dev.layerwise.reference.optimizers;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;

/**
 * Adam as TF's {@code ApplyAdam} (use_nesterov = false) computes it, at step t (1-based), per element:
 *
 * <pre>
 *   α = η · √(1 − β₂ᵗ) / (1 − β₁ᵗ)      one scalar per step: both bias corrections folded into the step size
 *   m ← m + (g − m)(1 − β₁)              = β₁ m + (1 − β₁) g, the first moment (slot "m", starts at 0)
 *   v ← v + (g² − v)(1 − β₂)             = β₂ v + (1 − β₂) g², the second moment (slot "v", starts at 0)
 *   w ← w − m·α / (√v + ε)
 * </pre>
 *
 * <p>The β-powers are {@code Math.pow(β, t)} from the step index the caller passes, never a running product
 * kept here (TF Java's own {@code Adam} races on that product). ε is the paper's "ε-hat": it is added after the
 * bias correction is folded into α, unlike PyTorch, which adds it to {@code √v̂}.
 */
public final class AdamUpdate implements RefOptimizerUpdate {
  private final double beta1;
  private final double beta2;
  private final double epsilon;

  public AdamUpdate(double beta1, double beta2, double epsilon) {
    checkArgument(beta1 >= 0 && beta1 < 1, "Adam: beta1 must be in [0, 1), got %s", beta1);
    checkArgument(beta2 >= 0 && beta2 < 1, "Adam: beta2 must be in [0, 1), got %s", beta2);
    checkArgument(epsilon > 0, "Adam: epsilon must be positive, got %s", epsilon);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  @Override
  public List<String> slotNames() {
    return List.of("m", "v");
  }

  @Override
  public void apply(double[] w, double[] g, double[][] slots, double learningRate, long step) {
    checkArgument(slots.length == 2, "Adam keeps 2 slots (m, v), got %s", slots.length);
    apply(w, g, slots[0], slots[1], learningRate, step);
  }

  /** One update of w, m and v in place. */
  public void apply(double[] w, double[] g, double[] m, double[] v, double learningRate, long step) {
    checkArgument(step >= 1, "Adam: the step index t is 1-based, got %s", step);
    checkArgument(g.length == w.length && m.length == w.length && v.length == w.length,
        "Adam: weight, gradient, m and v must have the same size, got %s, %s, %s, %s", w.length, g.length,
        m.length, v.length);
    double alpha = learningRate * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
    double oneMinusBeta1 = 1 - beta1;
    double oneMinusBeta2 = 1 - beta2;
    for (int i = 0; i < w.length; i++) {
      double gi = g[i];
      m[i] += (gi - m[i]) * oneMinusBeta1;
      v[i] += (gi * gi - v[i]) * oneMinusBeta2;
      w[i] -= m[i] * alpha / (Math.sqrt(v[i]) + epsilon);
    }
  }
}
