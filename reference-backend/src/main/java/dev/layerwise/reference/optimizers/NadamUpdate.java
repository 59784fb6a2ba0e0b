package dev.layerwise.reference.optimizers;

import java.util.List;

/**
 * Nadam as TF's {@code ApplyAdam} with use_nesterov = true, at step t (1-based), per element: Adam's moments and
 * step size ({@link AdamMoments}), and a step that looks ahead along the updated first moment:
 *
 * <pre>
 *   α = η · √(1 − β₂ᵗ) / (1 − β₁ᵗ)
 *   m ← m + (g − m)(1 − β₁)                          (slot "m", starts at 0)
 *   v ← v + (g² − v)(1 − β₂)                         (slot "v", starts at 0)
 *   w ← w − (g·(1 − β₁) + β₁·m)·α / (√v + ε)         (the updated m)
 * </pre>
 *
 * <p>Not Keras 3's Dozat variant with its momentum-decay schedule: this is the TF op both backends run.
 */
public final class NadamUpdate implements RefOptimizerUpdate {
  private final AdamMoments moments;
  private final double epsilon;

  public NadamUpdate(double beta1, double beta2, double epsilon) {
    this.moments = new AdamMoments("Nadam", beta1, beta2);
    UpdateChecks.positive("Nadam", "epsilon", epsilon);
    this.epsilon = epsilon;
  }

  @Override
  public List<String> slotNames() {
    return List.of("m", "v");
  }

  @Override
  public void apply(double[] w, double[] g, double[][] slots, double learningRate, long step) {
    UpdateChecks.arrays("Nadam", slotNames(), w, g, slots);
    UpdateChecks.step("Nadam", step);
    double[] m = slots[0];
    double[] v = slots[1];
    double alpha = moments.alpha(learningRate, step);
    moments.advance(g, m, v);
    double beta1 = moments.beta1();
    double oneMinusBeta1 = 1 - beta1;
    for (int i = 0; i < w.length; i++) {
      w[i] -= (g[i] * oneMinusBeta1 + beta1 * m[i]) * alpha / (Math.sqrt(v[i]) + epsilon);
    }
  }
}
