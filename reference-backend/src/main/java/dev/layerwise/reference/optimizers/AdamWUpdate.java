package dev.layerwise.reference.optimizers;

import java.util.List;

/**
 * AdamW (decoupled weight decay): first every weight shrinks, then the plain {@link AdamUpdate} runs with the
 * gradient of the loss alone. At step t (1-based), per element:
 *
 * <pre>
 *   w ← w − (η·λ)·w                                  the decay, with the step's scheduled η (as Keras)
 *   α = η · √(1 − β₂ᵗ) / (1 − β₁ᵗ)
 *   m ← m + (g − m)(1 − β₁)                          (slot "m", starts at 0)
 *   v ← v + (g² − v)(1 − β₂)                         (slot "v", starts at 0)
 *   w ← w − m·α / (√v + ε)                           TF's ApplyAdam on the decayed w
 * </pre>
 *
 * <p>TF has no AdamW op: the rule is the decay followed by {@code ApplyAdam}, in that order. The decay never passes
 * through Adam's per-weight scaling, so every weight decays at the same relative rate.
 */
public final class AdamWUpdate implements RefOptimizerUpdate {
  private final double weightDecay;
  private final AdamUpdate adam;

  public AdamWUpdate(double weightDecay, double beta1, double beta2, double epsilon) {
    UpdateChecks.nonNegative("AdamW", "weightDecay", weightDecay);
    this.weightDecay = weightDecay;
    this.adam = new AdamUpdate(beta1, beta2, epsilon);
  }

  @Override
  public List<String> slotNames() {
    return adam.slotNames();
  }

  @Override
  public void apply(double[] w, double[] g, double[][] slots, double learningRate, long step) {
    UpdateChecks.arrays("AdamW", slotNames(), w, g, slots);
    UpdateChecks.step("AdamW", step); // before the decay: a refused step changes nothing
    double decay = learningRate * weightDecay;
    for (int i = 0; i < w.length; i++) {
      w[i] -= decay * w[i];
    }
    adam.apply(w, g, slots[0], slots[1], learningRate, step);
  }
}
