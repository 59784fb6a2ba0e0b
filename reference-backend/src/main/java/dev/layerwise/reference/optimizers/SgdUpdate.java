package dev.layerwise.reference.optimizers;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;

/**
 * Plain gradient descent, TF's {@code ApplyGradientDescent} ({@code var -= grad * lr}): per element
 * {@code w ← w − g·η}. No state.
 */
public final class SgdUpdate implements RefOptimizerUpdate {

  @Override
  public List<String> slotNames() {
    return List.of();
  }

  @Override
  public void apply(double[] w, double[] g, double[][] slots, double learningRate, long step) {
    checkArgument(slots.length == 0, "SGD keeps no slots, got %s", slots.length);
    apply(w, g, learningRate);
  }

  /** {@code w ← w − g·η}, in place. */
  public void apply(double[] w, double[] g, double learningRate) {
    checkArgument(w.length == g.length, "SGD: gradient of %s values for a weight of %s", g.length, w.length);
    for (int i = 0; i < w.length; i++) {
      w[i] -= g[i] * learningRate;
    }
  }
}
