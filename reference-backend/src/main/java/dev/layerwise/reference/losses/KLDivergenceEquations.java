package dev.layerwise.reference.losses;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.losses.Loss;

/**
 * Kullback–Leibler divergence over the last axis of C values, labels y of the output's shape. Every other axis is
 * a row of its own; the loss is the mean over the R rows (R = N for an output {@code [N, C]}).
 *
 * <p>Per row, with {@code ŷ = clip(y, ε, 1)}, {@code p̂ = clip(p, ε, 1)} and ε = {@value Loss#EPSILON} (Keras clips
 * both arguments):
 * <ul>
 *   <li>{@code ℓ = Σ_c ŷ_c log(ŷ_c / p̂_c)}
 *   <li>{@code ∂L/∂p_c = −ŷ_c / p̂_c / R} where {@code ε ≤ p_c ≤ 1}, from {@code ∂/∂p̂ [ŷ (log ŷ − log p̂)] = −ŷ/p̂};
 *       0 strictly outside, where the clip is flat. At exactly ε or 1 the gradient passes, as TF's
 *       {@code ClipByValue} lets it.
 * </ul>
 */
public final class KLDivergenceEquations implements RefLossEquations {
  private static final double EPS = Loss.EPSILON;

  private final int classes;

  /** @param classes the size C of the output's last axis */
  public KLDivergenceEquations(int classes) {
    checkArgument(classes > 0, "kl_divergence: classes must be positive, got %s", classes);
    this.classes = classes;
  }

  @Override
  public double loss(double[] out, double[] y) {
    int rows = checkLabels(out, y);
    double sum = 0;
    for (int i = 0; i < out.length; i++) {
      double t = clip(y[i]);
      sum += t * Math.log(t / clip(out[i]));
    }
    return sum / rows;
  }

  @Override
  public double[] gradient(double[] out, double[] y) {
    int rows = checkLabels(out, y);
    double[] g = new double[out.length];
    for (int i = 0; i < out.length; i++) {
      double p = out[i];
      g[i] = p < EPS || p > 1 ? 0 : -clip(y[i]) / p / rows;
    }
    return g;
  }

  private static double clip(double v) {
    return Math.min(Math.max(v, EPS), 1);
  }

  private int checkLabels(double[] out, double[] y) {
    checkArgument(out.length % classes == 0,
        "kl_divergence: output of %s values is not a whole number of rows of %s classes", out.length, classes);
    checkArgument(out.length == y.length, "kl_divergence: labels must have the output's %s values, got %s",
        out.length, y.length);
    return out.length / classes;
  }
}
