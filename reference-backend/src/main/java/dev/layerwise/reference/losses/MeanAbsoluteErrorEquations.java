package dev.layerwise.reference.losses;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Mean absolute error over the K values of each sample, averaged over the N samples: with p the output and y the
 * labels, both {@code [N, K]},
 *
 * <ul>
 *   <li>{@code ℓ = (1/K) Σ_k |p_k − y_k|}, so {@code L = (1/(N·K)) Σ |p − y|}, the mean over every element
 *   <li>{@code ∂L/∂p = sign(p − y) / (N·K)}, with {@code sign(0) = 0}: at the kink the subgradient 0 is taken, as
 *       TF's {@code Abs} gradient ({@code sign(x)·dy}) gives
 * </ul>
 */
public final class MeanAbsoluteErrorEquations implements RefLossEquations {

  @Override
  public double loss(double[] p, double[] y) {
    checkLabels(p, y);
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      sum += Math.abs(p[i] - y[i]);
    }
    return sum / p.length;
  }

  @Override
  public double[] gradient(double[] p, double[] y) {
    checkLabels(p, y);
    double[] g = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      g[i] = Math.signum(p[i] - y[i]) / p.length;
    }
    return g;
  }

  private static void checkLabels(double[] p, double[] y) {
    checkArgument(p.length == y.length, "mean_absolute_error: labels must have the output's %s values, got %s",
        p.length, y.length);
  }
}
