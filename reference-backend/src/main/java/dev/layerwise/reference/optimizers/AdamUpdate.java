package dev.layerwise.reference.optimizers;

import dev.layerwise.reference.PlantedFault;
import java.util.List;

/**
 * Adam as Keras 3 computes it (without AMSGrad also TF's {@code ApplyAdam}), at step t (1-based), per element:
 *
 * <pre>
 *   α = η · √(1 − β₂ᵗ) / (1 − β₁ᵗ)      one scalar per step: both bias corrections folded into the step size
 *   m ← m + (g − m)(1 − β₁)              = β₁ m + (1 − β₁) g, the first moment (slot "m", starts at 0)
 *   v ← v + (g² − v)(1 − β₂)             = β₂ v + (1 − β₂) g², the second moment (slot "v", starts at 0)
 *   v̂ ← max(v̂, v)                        AMSGrad only (slot "v_hat", starts at 0)
 *   w ← w − (m·α) / (√v + ε)             √v̂ in place of √v with AMSGrad
 * </pre>
 *
 * <p>The moments and α are {@link AdamMoments}, shared with {@link NadamUpdate}. ε is the paper's "ε-hat": it is
 * added after the bias correction is folded into α, unlike PyTorch, which adds it to {@code √v̂}. AdamW is this
 * rule behind {@link WeightDecayUpdate}.
 */
public final class AdamUpdate implements RefOptimizerUpdate {
  private final AdamMoments moments;
  private final double epsilon;
  private final boolean amsgrad;

  public AdamUpdate(double beta1, double beta2, double epsilon, boolean amsgrad) {
    this.moments = new AdamMoments("Adam", beta1, beta2);
    UpdateChecks.positive("Adam", "epsilon", epsilon);
    this.epsilon = epsilon;
    this.amsgrad = amsgrad;
  }

  @Override
  public List<String> slotNames() {
    return amsgrad ? List.of("m", "v", "v_hat") : List.of("m", "v");
  }

  @Override
  public void apply(double[] w, double[] g, double[][] slots, double learningRate, long step) {
    UpdateChecks.arrays(amsgrad ? "Adam (AMSGrad)" : "Adam", slotNames(), w, g, slots);
    UpdateChecks.step("Adam", step);
    double[] m = slots[0];
    double[] v = slots[1];
    double alpha = moments.alpha(learningRate, step);
    moments.advance(g, m, v);
    double[] denominatorSquared = v;
    if (amsgrad) {
      double[] vHat = slots[2];
      for (int i = 0; i < w.length; i++) {
        vHat[i] = Math.max(vHat[i], v[i]);
      }
      denominatorSquared = vHat;
    }
    if (PlantedFault.ADAM_EPSILON_INSIDE_ROOT.isPlanted()) {
      for (int i = 0; i < w.length; i++) {
        w[i] -= m[i] * alpha / Math.sqrt(denominatorSquared[i] + epsilon);
      }
      return;
    }
    for (int i = 0; i < w.length; i++) {
      w[i] -= m[i] * alpha / (Math.sqrt(denominatorSquared[i]) + epsilon);
    }
  }
}
