package dev.layerwise.reference.optimizers;

import dev.layerwise.reference.PlantedFault;
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
 * <p>The moments and α are {@link AdamMoments}, shared with {@link NadamUpdate} and {@link AdamWUpdate}. ε is the
 * paper's "ε-hat": it is added after the bias correction is folded into α, unlike PyTorch, which adds it to
 * {@code √v̂}.
 */
public final class AdamUpdate implements RefOptimizerUpdate {
  private final AdamMoments moments;
  private final double epsilon;

  public AdamUpdate(double beta1, double beta2, double epsilon) {
    this.moments = new AdamMoments("Adam", beta1, beta2);
    UpdateChecks.positive("Adam", "epsilon", epsilon);
    this.epsilon = epsilon;
  }

  @Override
  public List<String> slotNames() {
    return List.of("m", "v");
  }

  @Override
  public void apply(double[] w, double[] g, double[][] slots, double learningRate, long step) {
    UpdateChecks.arrays("Adam", slotNames(), w, g, slots);
    apply(w, g, slots[0], slots[1], learningRate, step);
  }

  /** One update of w, m and v in place. */
  public void apply(double[] w, double[] g, double[] m, double[] v, double learningRate, long step) {
    UpdateChecks.arrays("Adam", slotNames(), w, g, new double[][] {m, v});
    UpdateChecks.step("Adam", step);
    double alpha = moments.alpha(learningRate, step);
    moments.advance(g, m, v);
    if (PlantedFault.ADAM_EPSILON_INSIDE_ROOT.isPlanted()) {
      for (int i = 0; i < w.length; i++) {
        w[i] -= m[i] * alpha / Math.sqrt(v[i] + epsilon);
      }
      return;
    }
    for (int i = 0; i < w.length; i++) {
      w[i] -= m[i] * alpha / (Math.sqrt(v[i]) + epsilon);
    }
  }
}
