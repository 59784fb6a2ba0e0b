package dev.layerwise.reference.optimizers;

import java.util.List;

/**
 * Adamax as Keras 3 and TF's {@code ApplyAdaMax} compute it (in the op's operation order), at step t (1-based),
 * per element: Adam's first moment, and in place of the second moment an exponentially weighted infinity norm u:
 *
 * <pre>
 *   m ← m + (g − m)(1 − β₁)                     (slot "m", starts at 0)
 *   u ← max(β₂·u, |g|)                          (slot "u", starts at 0)
 *   w ← w − η/(1 − β₁ᵗ) · (m / (u + ε))         η/(1 − β₁ᵗ) one scalar per step
 * </pre>
 *
 * <p>Keras writes the step as {@code w ← w − η·m / ((1 − β₁ᵗ)·(u + ε))}: the same numbers up to rounding.
 *
 * <p>u needs no bias correction: a max of decayed values is not pulled towards its zero start the way an average
 * is.
 */
public final class AdamaxUpdate implements RefOptimizerUpdate {
  private final double beta1;
  private final double beta2;
  private final double epsilon;

  public AdamaxUpdate(double beta1, double beta2, double epsilon) {
    UpdateChecks.unitInterval("Adamax", "beta1", beta1);
    UpdateChecks.unitInterval("Adamax", "beta2", beta2);
    UpdateChecks.positive("Adamax", "epsilon", epsilon);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  @Override
  public List<String> slotNames() {
    return List.of("m", "u");
  }

  @Override
  public void apply(double[] w, double[] g, double[][] slots, double learningRate, long step) {
    UpdateChecks.arrays("Adamax", slotNames(), w, g, slots);
    UpdateChecks.step("Adamax", step);
    double[] m = slots[0];
    double[] u = slots[1];
    double stepSize = learningRate / (1 - Math.pow(beta1, step));
    double oneMinusBeta1 = 1 - beta1;
    for (int i = 0; i < w.length; i++) {
      double gi = g[i];
      m[i] += (gi - m[i]) * oneMinusBeta1;
      u[i] = Math.max(beta2 * u[i], Math.abs(gi));
      w[i] -= stepSize * (m[i] / (u[i] + epsilon));
    }
  }
}
