package dev.layerwise.reference.losses;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.reference.PlantedFault;

/**
 * Mean squared error over the K values of each sample, averaged over the N samples: with p the output and y the
 * labels, both {@code [N, K]},
 *
 * <ul>
 *   <li>{@code ℓ = (1/K) Σ_k (p_k − y_k)²}, so {@code L = (1/(N·K)) Σ (p − y)²}, the mean over every element
 *   <li>{@code ∂L/∂p = 2 (p − y) / (N·K)}
 * </ul>
 */
public final class MeanSquaredErrorEquations implements RefLossEquations {

  @Override
  public double loss(double[] p, double[] y) {
    checkLabels(p, y);
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      double d = p[i] - y[i];
      sum += d * d;
    }
    return sum / p.length;
  }

  @Override
  public double[] gradient(double[] p, double[] y) {
    checkLabels(p, y);
    double[] g = new double[p.length];
    int count = p.length; // L is the mean over every element
    if (PlantedFault.MISSING_MEAN.isPlanted()) {
      count = 1;
    }
    for (int i = 0; i < p.length; i++) {
      g[i] = 2 * (p[i] - y[i]) / count;
    }
    return g;
  }

  private static void checkLabels(double[] p, double[] y) {
    checkArgument(p.length == y.length, "mean_squared_error: labels must have the output's %s values, got %s",
        p.length, y.length);
  }
}
