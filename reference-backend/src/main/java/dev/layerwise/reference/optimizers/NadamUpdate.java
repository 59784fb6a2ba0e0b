package dev.layerwise.reference.optimizers;

import dev.layerwise.optimizers.Nadam;
import dev.layerwise.optimizers.UpdateFormula;
import java.util.List;
import java.util.Objects;

/**
 * Nadam as Keras 3 computes it (Dozat's, with a momentum schedule), at step t (1-based), per element:
 *
 * <pre>
 *   μ_t = β₁(1 − ½·0.96ᵗ),  μ_{t+1} likewise         (scalars of t: {@link Nadam#momentumSchedule})
 *   Π_t = μ₁·…·μ_t,  Π_{t+1} = Π_t·μ_{t+1}           ({@link Nadam#momentumProduct})
 *   m ← m + (g − m)(1 − β₁)                          (slot "m", starts at 0)
 *   v ← v + (g² − v)(1 − β₂)                         (slot "v", starts at 0)
 *   m̂ = (μ_{t+1}·m) / (1 − Π_{t+1}) + ((1 − μ_t)·g) / (1 − Π_t)
 *   v̂ = v / (1 − β₂ᵗ)
 *   w ← w − (m̂·η) / (√v̂ + ε)
 * </pre>
 *
 * <p>or, with {@link UpdateFormula#TF_OP}, as TF's {@code ApplyAdam} with {@code use_nesterov}: Adam's moments and
 * α ({@link AdamMoments}) and {@code w ← w − (g·(1 − β₁) + β₁·m)·α / (√v + ε)} (the updated m).
 */
public final class NadamUpdate implements RefOptimizerUpdate {
  private final AdamMoments moments;
  private final double beta2;
  private final double epsilon;
  private final UpdateFormula formula;

  public NadamUpdate(double beta1, double beta2, double epsilon, UpdateFormula formula) {
    this.moments = new AdamMoments("Nadam", beta1, beta2);
    UpdateChecks.positive("Nadam", "epsilon", epsilon);
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.formula = Objects.requireNonNull(formula, "Nadam: formula");
  }

  @Override
  public List<String> slotNames() {
    return List.of("m", "v");
  }

  @Override
  public void apply(double[] w, double[] g, double[][] slots, double learningRate, long step) {
    UpdateChecks.arrays("Nadam", slotNames(), w, g, slots);
    UpdateChecks.step("Nadam", step);
    if (formula == UpdateFormula.TF_OP) {
      applyAdamNesterov(w, g, slots[0], slots[1], learningRate, step);
    } else {
      applyDozat(w, g, slots[0], slots[1], learningRate, step);
    }
  }

  private void applyDozat(double[] w, double[] g, double[] m, double[] v, double lr, long t) {
    double beta1 = moments.beta1();
    double momentum = Nadam.momentumSchedule(beta1, t);
    double nextMomentum = Nadam.momentumSchedule(beta1, t + 1);
    double product = Nadam.momentumProduct(beta1, t);
    double nextProduct = product * nextMomentum;
    double beta2Power = Math.pow(beta2, t);
    moments.advance(g, m, v);
    for (int i = 0; i < w.length; i++) {
      double mHat = nextMomentum * m[i] / (1 - nextProduct) + (1 - momentum) * g[i] / (1 - product);
      double vHat = v[i] / (1 - beta2Power);
      w[i] -= mHat * lr / (Math.sqrt(vHat) + epsilon);
    }
  }

  private void applyAdamNesterov(double[] w, double[] g, double[] m, double[] v, double lr, long t) {
    double alpha = moments.alpha(lr, t);
    moments.advance(g, m, v);
    double beta1 = moments.beta1();
    double oneMinusBeta1 = 1 - beta1;
    for (int i = 0; i < w.length; i++) {
      w[i] -= (g[i] * oneMinusBeta1 + beta1 * m[i]) * alpha / (Math.sqrt(v[i]) + epsilon);
    }
  }
}
