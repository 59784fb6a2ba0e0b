package dev.layerwise.reference.optimizers;

import java.util.List;

/**
 * Adadelta as Keras 3 and TF's {@code ApplyAdadelta} compute it (in the op's operation order), per element:
 *
 * <pre>
 *   a ← a·ρ + g²·(1 − ρ)                        (slot "accumulator", starts at 0)
 *   Δ = √(d + ε) · (1/√(a + ε)) · g             (the new a, the old d: the step in the units of w)
 *   w ← w − Δ·η
 *   d ← d·ρ + Δ²·(1 − ρ)                        (slot "delta_accumulator", starts at 0)
 * </pre>
 *
 * <p>Keras writes the step as {@code w ← w + η·(−√(d + ε)·g / √(a + ε))}: the same numbers up to rounding.
 *
 * <p>{@code 1/√(a + ε)} is TF's {@code rsqrt}, multiplied in the same order as TF's functor (a plain division by
 * √(a + ε) can differ in the last bit).
 */
public final class AdadeltaUpdate implements RefOptimizerUpdate {
  private final double rho;
  private final double epsilon;

  public AdadeltaUpdate(double rho, double epsilon) {
    UpdateChecks.unitInterval("Adadelta", "rho", rho);
    UpdateChecks.positive("Adadelta", "epsilon", epsilon);
    this.rho = rho;
    this.epsilon = epsilon;
  }

  @Override
  public List<String> slotNames() {
    return List.of("accumulator", "delta_accumulator");
  }

  @Override
  public void apply(double[] w, double[] g, double[][] slots, double learningRate, long step) {
    UpdateChecks.arrays("Adadelta", slotNames(), w, g, slots);
    double[] a = slots[0];
    double[] d = slots[1];
    double oneMinusRho = 1 - rho;
    for (int i = 0; i < w.length; i++) {
      double gi = g[i];
      a[i] = a[i] * rho + gi * gi * oneMinusRho;
      double delta = Math.sqrt(d[i] + epsilon) * (1 / Math.sqrt(a[i] + epsilon)) * gi;
      w[i] -= delta * learningRate;
      d[i] = d[i] * rho + delta * delta * oneMinusRho;
    }
  }
}
