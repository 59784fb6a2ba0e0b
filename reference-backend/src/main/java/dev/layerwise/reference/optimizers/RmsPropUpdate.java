package dev.layerwise.reference.optimizers;

import java.util.List;

/**
 * RMSprop as Keras 3 computes it (and TF's {@code ApplyRMSProp}, or {@code ApplyCenteredRMSProp} when centered, in
 * whose operation order this is written), per element (ε inside the root):
 *
 * <pre>
 *   ms  ← ms + (g² − ms)(1 − ρ)                    (slot "rms", starts at the optimizer's initialMeanSquare)
 *   mg  ← mg + (g − mg)(1 − ρ)                     (slot "mg", centered only, starts at 0)
 *   mom ← mom·μ + g·η / √(ms + ε)                  plain
 *   mom ← mom·μ + g·η / √((ms − mg²) + ε)          centered: divide by the gradient's variance estimate
 *   w   ← w − mom                                  (slot "momentum", starts at 0)
 * </pre>
 *
 * <p>Keras writes the averages as {@code ρ·ms + (1 − ρ)·g²} and {@code ρ·mg + (1 − ρ)·g}: the same numbers up
 * to rounding.
 *
 * <p>Slots in the api's order: {@code rms, momentum[, mg]}. The momentum slot is kept even when μ = 0 (it then
 * holds the last step), as TF's op keeps it.
 */
public final class RmsPropUpdate implements RefOptimizerUpdate {
  private final double rho;
  private final double momentum;
  private final double epsilon;
  private final boolean centered;

  public RmsPropUpdate(double rho, double momentum, double epsilon, boolean centered) {
    UpdateChecks.unitInterval("RMSprop", "rho", rho);
    UpdateChecks.unitInterval("RMSprop", "momentum", momentum);
    UpdateChecks.positive("RMSprop", "epsilon", epsilon);
    this.rho = rho;
    this.momentum = momentum;
    this.epsilon = epsilon;
    this.centered = centered;
  }

  @Override
  public List<String> slotNames() {
    return centered ? List.of("rms", "momentum", "mg") : List.of("rms", "momentum");
  }

  @Override
  public void apply(double[] w, double[] g, double[][] slots, double learningRate, long step) {
    UpdateChecks.arrays(centered ? "RMSprop (centered)" : "RMSprop", slotNames(), w, g, slots);
    double[] ms = slots[0];
    double[] mom = slots[1];
    double oneMinusRho = 1 - rho;
    for (int i = 0; i < w.length; i++) {
      double gi = g[i];
      ms[i] += (gi * gi - ms[i]) * oneMinusRho;
      double denominator;
      if (centered) {
        double[] mg = slots[2];
        mg[i] += (gi - mg[i]) * oneMinusRho;
        denominator = (ms[i] - mg[i] * mg[i]) + epsilon;
      } else {
        denominator = ms[i] + epsilon;
      }
      mom[i] = mom[i] * momentum + gi * learningRate / Math.sqrt(denominator);
      w[i] -= mom[i];
    }
  }
}
