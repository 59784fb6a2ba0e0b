package dev.layerwise.reference.optimizers;

import dev.layerwise.optimizers.UpdateFormula;
import java.util.List;
import java.util.Objects;

/**
 * Adagrad, per element, as Keras 3 computes it (ε inside the root):
 *
 * <pre>
 *   a ← a + g²                  (slot "accumulator", starts at the optimizer's initialAccumulatorValue)
 *   w ← w − (η·g) / √(a + ε)
 * </pre>
 *
 * <p>or, with {@link UpdateFormula#TF_OP}, as TF's {@code ApplyAdagradV2}: {@code w ← w − g·η / (√a + ε)}. The
 * accumulator only grows, so each weight's steps keep shrinking.
 */
public final class AdagradUpdate implements RefOptimizerUpdate {
  private final double epsilon;
  private final UpdateFormula formula;

  public AdagradUpdate(double epsilon, UpdateFormula formula) {
    UpdateChecks.positive("Adagrad", "epsilon", epsilon);
    this.epsilon = epsilon;
    this.formula = Objects.requireNonNull(formula, "Adagrad: formula");
  }

  @Override
  public List<String> slotNames() {
    return List.of("accumulator");
  }

  @Override
  public void apply(double[] w, double[] g, double[][] slots, double learningRate, long step) {
    UpdateChecks.arrays("Adagrad", slotNames(), w, g, slots);
    double[] a = slots[0];
    boolean keras = formula == UpdateFormula.KERAS;
    for (int i = 0; i < w.length; i++) {
      double gi = g[i];
      a[i] += gi * gi;
      // Keras's (η·g)/√(a + ε) as TF's graph optimizer runs it: a division by a square root becomes a product with
      // the reciprocal root (rsqrt), which can differ in the last bit
      w[i] -= keras ? learningRate * gi * (1 / Math.sqrt(a[i] + epsilon))
          : gi * learningRate / (Math.sqrt(a[i]) + epsilon);
    }
  }
}
