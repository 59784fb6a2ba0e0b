package dev.layerwise.reference.losses;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.losses.Loss;
import dev.layerwise.reference.PlantedFault;
import dev.layerwise.reference.activations.SoftmaxEquations;

/**
 * Categorical cross-entropy over the last axis of C classes, labels y of the output's shape (one-hot or soft).
 * Every other axis is a row of its own; the loss is the mean over the R rows (R = N for an output {@code [N, C]}).
 *
 * <p>From probabilities p, per row, with {@code s = Σ_c p_c}, {@code q = p / s} and
 * {@code p̂ = clip(q, ε, 1 − ε)}, ε = {@value Loss#EPSILON}:
 * <ul>
 *   <li>{@code ℓ = −Σ_c y_c log p̂_c}
 *   <li>with {@code g_c = ∂ℓ/∂q_c = −y_c / p̂_c} where {@code ε ≤ q_c ≤ 1 − ε} (0 strictly outside, where the
 *       clip is flat) and {@code ∂q_c/∂p_j = (δ_cj − q_c) / s}:
 *       {@code ∂L/∂p_j = (g_j − Σ_c g_c q_c) / s / R}. The second term comes from the renormalisation; for
 *       unclipped q it is {@code Σ_c y_c / s}, which cancels against softmax's Jacobian but not in a direct check.
 * </ul>
 *
 * <p>From logits z, per row, through log-softmax ({@code logsoftmax(z)_c = z_c − m − log Σ_j e^(z_j − m)},
 * {@code m = max_j z_j}):
 * <ul>
 *   <li>{@code ℓ = −Σ_c y_c · logsoftmax(z)_c}
 *   <li>{@code ∂L/∂z_j = (softmax(z)_j · Σ_c y_c − y_j) / R}, from {@code ∂logsoftmax_c/∂z_j = δ_cj − softmax_j};
 *       {@code (softmax − y) / R} for labels that sum to 1
 * </ul>
 */
public final class CategoricalCrossentropyEquations implements RefLossEquations {
  private static final double EPS = Loss.EPSILON;

  private final boolean fromLogits;
  private final int classes;

  /** @param classes the size C of the output's last axis */
  public CategoricalCrossentropyEquations(boolean fromLogits, int classes) {
    checkArgument(classes > 0, "categorical_crossentropy: classes must be positive, got %s", classes);
    this.fromLogits = fromLogits;
    this.classes = classes;
  }

  @Override
  public double loss(double[] out, double[] y) {
    int rows = checkLabels(out, y);
    double sum = 0;
    for (int r = 0; r < out.length; r += classes) {
      if (fromLogits) {
        double lse = logSumExp(out, r, classes);
        for (int c = r; c < r + classes; c++) {
          sum -= y[c] * (out[c] - lse);
        }
      } else {
        double s = rowSum(out, r, classes);
        for (int c = r; c < r + classes; c++) {
          sum -= y[c] * Math.log(clip(out[c] / s));
        }
      }
    }
    return sum / rows;
  }

  @Override
  public double[] gradient(double[] out, double[] y) {
    int rows = checkLabels(out, y);
    if (PlantedFault.MISSING_MEAN.isPlanted()) {
      rows = 1;
    }
    double[] g = new double[out.length];
    double[] softmax = fromLogits ? SoftmaxEquations.softmax(out, classes) : null;
    for (int r = 0; r < out.length; r += classes) {
      if (fromLogits) {
        double ySum = rowSum(y, r, classes);
        for (int c = r; c < r + classes; c++) {
          g[c] = (softmax[c] * ySum - y[c]) / rows;
        }
      } else {
        double s = rowSum(out, r, classes);
        double gq = 0; // Σ_c g_c q_c
        for (int c = r; c < r + classes; c++) {
          double q = out[c] / s;
          g[c] = q < EPS || q > 1 - EPS ? 0 : -y[c] / q; // g_c = ∂ℓ/∂q_c
          gq += g[c] * q;
        }
        for (int c = r; c < r + classes; c++) {
          g[c] = (g[c] - gq) / s / rows;
        }
      }
    }
    return g;
  }

  static double clip(double q) {
    return Math.min(Math.max(q, EPS), 1 - EPS);
  }

  static double rowSum(double[] a, int from, int length) {
    double s = 0;
    for (int i = from; i < from + length; i++) {
      s += a[i];
    }
    return s;
  }

  /** {@code log Σ_j e^(z_j)} over one row, computed as {@code m + log Σ_j e^(z_j − m)}: no overflow. */
  static double logSumExp(double[] z, int from, int length) {
    double m = Double.NEGATIVE_INFINITY;
    for (int i = from; i < from + length; i++) {
      m = Math.max(m, z[i]);
    }
    double s = 0;
    for (int i = from; i < from + length; i++) {
      s += Math.exp(z[i] - m);
    }
    return m + Math.log(s);
  }

  private int checkLabels(double[] out, double[] y) {
    checkArgument(out.length % classes == 0,
        "categorical_crossentropy: output of %s values is not a whole number of rows of %s classes", out.length,
        classes);
    checkArgument(out.length == y.length,
        "categorical_crossentropy: labels must have the output's %s values, got %s", out.length, y.length);
    return out.length / classes;
  }
}
