package dev.layerwise.reference.optimizers;

import java.util.List;

/**
 * Decoupled weight decay in front of any update rule, as Keras 3's {@code _apply_weight_decay} runs it before
 * {@code update_step}. At each step, per element of every trainable weight:
 *
 * <pre>
 *   w ← w − (w·λ)·η         η the step's scheduled learning rate, λ the weight decay
 * </pre>
 *
 * <p>then the wrapped rule, with the gradient of the loss alone. The decay never passes through an adaptive rule's
 * per-weight scaling, so every weight loses the same fraction η·λ per step: AdamW is Adam behind this.
 */
public final class WeightDecayUpdate implements RefOptimizerUpdate {
  private final RefOptimizerUpdate rule;
  private final double weightDecay;

  private WeightDecayUpdate(RefOptimizerUpdate rule, double weightDecay) {
    this.rule = rule;
    this.weightDecay = weightDecay;
  }

  /** {@code rule} with the decay in front, or {@code rule} itself when λ = 0. */
  public static RefOptimizerUpdate of(RefOptimizerUpdate rule, double weightDecay) {
    UpdateChecks.nonNegative("weight decay", "weightDecay", weightDecay);
    return weightDecay == 0 ? rule : new WeightDecayUpdate(rule, weightDecay);
  }

  @Override
  public List<String> slotNames() {
    return rule.slotNames();
  }

  @Override
  public void apply(double[] w, double[] g, double[][] slots, double learningRate, long step) {
    // checked before the decay: a refused step changes nothing
    UpdateChecks.arrays("weight decay", slotNames(), w, g, slots);
    UpdateChecks.step("weight decay", step);
    for (int i = 0; i < w.length; i++) {
      w[i] -= w[i] * weightDecay * learningRate;
    }
    rule.apply(w, g, slots, learningRate, step);
  }
}
