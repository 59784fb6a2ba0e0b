package dev.layerwise.reference.optimizers;

import java.util.List;

/**
 * Adagrad as TF's {@code ApplyAdagradV2}, per element (ε outside the root):
 *
 * <pre>
 *   a ← a + g²                  (slot "accumulator", starts at the optimizer's initialAccumulatorValue)
 *   w ← w − g·η / (√a + ε)
 * </pre>
 *
 * <p>The accumulator only grows, so each weight's steps keep shrinking.
 */
public final class AdagradUpdate implements RefOptimizerUpdate {
  private final double epsilon;

  public AdagradUpdate(double epsilon) {
    UpdateChecks.positive("Adagrad", "epsilon", epsilon);
    this.epsilon = epsilon;
  }

  @Override
  public List<String> slotNames() {
    return List.of("accumulator");
  }

  @Override
  public void apply(double[] w, double[] g, double[][] slots, double learningRate, long step) {
    UpdateChecks.arrays("Adagrad", slotNames(), w, g, slots);
    double[] a = slots[0];
    for (int i = 0; i < w.length; i++) {
      double gi = g[i];
      a[i] += gi * gi;
      w[i] -= gi * learningRate / (Math.sqrt(a[i]) + epsilon);
    }
  }
}
