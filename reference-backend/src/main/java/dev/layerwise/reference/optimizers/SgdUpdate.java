package dev.layerwise.reference.optimizers;

import dev.layerwise.optimizers.UpdateFormula;
import dev.layerwise.reference.PlantedFault;
import java.util.List;

/**
 * Stochastic gradient descent, per element (η the step's learning rate, μ the momentum), as Keras 3's
 * {@code SGD.update_step} computes it:
 *
 * <pre>
 *   μ = 0 (also Nesterov)     w ← w − g·η                                  (TF's ApplyGradientDescent)
 *   momentum                  v ← v·μ − g·η;   w ← w + v
 *   Nesterov                  v ← v·μ − g·η;   w ← w + (v·μ − g·η)         (the new v)
 * </pre>
 *
 * <p>or, with {@link UpdateFormula#TF_OP}, as TF's {@code ApplyMomentum}:
 *
 * <pre>
 *   momentum                  a ← a·μ + g;   w ← w − a·η
 *   Nesterov (use_nesterov)   a ← a·μ + g;   w ← w − (g·η + a·μ·η)         (the new a)
 * </pre>
 *
 * <p>Slot {@code "momentum"} (v or a, starting at 0) only when μ &gt; 0. Keras's v keeps each past η in it; TF's a
 * holds none, so a scheduled η rescales TF's whole velocity at once.
 */
public final class SgdUpdate implements RefOptimizerUpdate {
  private final double momentum;
  private final boolean nesterov;
  private final UpdateFormula formula;

  public SgdUpdate(double momentum, boolean nesterov, UpdateFormula formula) {
    UpdateChecks.closedUnitInterval("SGD", "momentum", momentum);
    this.momentum = momentum;
    this.nesterov = nesterov;
    this.formula = java.util.Objects.requireNonNull(formula, "SGD: formula");
  }

  /** Plain gradient descent, no state. */
  public static SgdUpdate plain() {
    return new SgdUpdate(0, false, UpdateFormula.KERAS);
  }

  @Override
  public List<String> slotNames() {
    return momentum > 0 ? List.of("momentum") : List.of();
  }

  @Override
  public void apply(double[] w, double[] g, double[][] slots, double learningRate, long step) {
    UpdateChecks.arrays("SGD", slotNames(), w, g, slots);
    double mu = PlantedFault.MOMENTUM_NOT_DECAYED.isPlanted() ? 1 : momentum;
    if (momentum == 0) {
      descend(w, g, learningRate);
    } else if (formula == UpdateFormula.TF_OP) {
      accumulate(w, g, slots[0], mu, learningRate);
    } else {
      velocity(w, g, slots[0], mu, learningRate);
    }
  }

  /** {@code w ← w − g·η}. */
  private static void descend(double[] w, double[] g, double lr) {
    for (int i = 0; i < w.length; i++) {
      w[i] -= g[i] * lr;
    }
  }

  /** Keras: {@code v ← v·μ − g·η}, then {@code w ← w + v}, or Nesterov's {@code w ← w + (v·μ − g·η)}. */
  private void velocity(double[] w, double[] g, double[] v, double mu, double lr) {
    for (int i = 0; i < w.length; i++) {
      v[i] = v[i] * mu - g[i] * lr;
      w[i] += nesterov ? v[i] * mu - g[i] * lr : v[i];
    }
  }

  /** TF's ApplyMomentum: {@code a ← a·μ + g}, then {@code w ← w − a·η}, or Nesterov's {@code w ← w − (g·η + a·μ·η)}. */
  private void accumulate(double[] w, double[] g, double[] a, double mu, double lr) {
    for (int i = 0; i < w.length; i++) {
      a[i] = a[i] * mu + g[i];
      w[i] -= nesterov ? g[i] * lr + a[i] * mu * lr : a[i] * lr;
    }
  }
}
