package dev.layerwise.reference.optimizers;

import dev.layerwise.reference.PlantedFault;
import java.util.List;

/**
 * Stochastic gradient descent, per element, exactly as TF's ops compute it (η the step's learning rate, μ the
 * momentum):
 *
 * <pre>
 *   plain, μ = 0      ApplyGradientDescent                w ← w − g·η
 *   momentum          ApplyMomentum                       a ← a·μ + g;   w ← w − a·η
 *   Nesterov          ApplyMomentum, use_nesterov=true    a ← a·μ + g;   w ← w − (g·η + a·μ·η)   (the new a)
 * </pre>
 *
 * <p>Slot {@code "momentum"} (a, starting at 0) only when μ &gt; 0. a holds no learning rate, so a scheduled η
 * rescales the whole velocity at once (TF's and PyTorch's semantics, not Keras's {@code v ← μv − ηg}).
 */
public final class SgdUpdate implements RefOptimizerUpdate {
  private final double momentum;
  private final boolean nesterov;

  public SgdUpdate(double momentum, boolean nesterov) {
    UpdateChecks.unitInterval("SGD", "momentum", momentum);
    if (nesterov && momentum == 0) {
      throw new IllegalArgumentException("SGD: Nesterov momentum needs a momentum in (0, 1), got 0");
    }
    this.momentum = momentum;
    this.nesterov = nesterov;
  }

  /** Plain gradient descent, no state. */
  public static SgdUpdate plain() {
    return new SgdUpdate(0, false);
  }

  @Override
  public List<String> slotNames() {
    return momentum > 0 ? List.of("momentum") : List.of();
  }

  @Override
  public void apply(double[] w, double[] g, double[][] slots, double learningRate, long step) {
    UpdateChecks.arrays("SGD", slotNames(), w, g, slots);
    if (momentum == 0) {
      descend(w, g, learningRate);
    } else if (nesterov) {
      nesterov(w, g, slots[0], learningRate);
    } else {
      momentum(w, g, slots[0], learningRate);
    }
  }

  /** {@code w ← w − g·η}. */
  private static void descend(double[] w, double[] g, double lr) {
    for (int i = 0; i < w.length; i++) {
      w[i] -= g[i] * lr;
    }
  }

  /** {@code a ← a·μ + g}, {@code w ← w − a·η}. */
  private void momentum(double[] w, double[] g, double[] a, double lr) {
    double momentum = PlantedFault.MOMENTUM_NOT_DECAYED.isPlanted() ? 1 : this.momentum;
    for (int i = 0; i < w.length; i++) {
      a[i] = a[i] * momentum + g[i];
      w[i] -= a[i] * lr;
    }
  }

  /** {@code a ← a·μ + g}, {@code w ← w − (g·η + a·μ·η)}: the step looks ahead along the new velocity. */
  private void nesterov(double[] w, double[] g, double[] a, double lr) {
    for (int i = 0; i < w.length; i++) {
      a[i] = a[i] * momentum + g[i];
      w[i] -= g[i] * lr + a[i] * momentum * lr;
    }
  }
}
