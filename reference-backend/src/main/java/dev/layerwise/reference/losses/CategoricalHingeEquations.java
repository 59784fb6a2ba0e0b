package dev.layerwise.reference.losses;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Categorical hinge over the last axis of C scores, labels y of the output's shape (one-hot rows). Every other
 * axis is a row of its own; the loss is the mean over the R rows (R = N for an output {@code [N, C]}).
 *
 * <p>Per row, with {@code v_c = (1 − y_c) p_c}:
 * <ul>
 *   <li>{@code pos = Σ_c y_c p_c}, {@code neg = max_c v_c}, {@code m = neg − pos + 1}, {@code ℓ = max(m, 0)}
 *   <li>{@code ∂L/∂p_j = [(1 − y_j)·[v_j = neg] / |A| − y_j] / R} where {@code m ≥ 0}, 0 where {@code m < 0};
 *       A is the set of positions where v reaches neg
 * </ul>
 *
 * <p>Conventions at the kinks are TF's, so both backends agree exactly there: tied maxima share the subgradient of
 * the max equally (TF's {@code Max} gradient divides by the number of ties), and at {@code m = 0} the hinge counts
 * as active (TF's {@code Maximum} gradient goes to its first argument where {@code x ≥ y}).
 */
public final class CategoricalHingeEquations implements RefLossEquations {
  private final int classes;

  /** @param classes the size C of the output's last axis */
  public CategoricalHingeEquations(int classes) {
    checkArgument(classes > 0, "categorical_hinge: classes must be positive, got %s", classes);
    this.classes = classes;
  }

  @Override
  public double loss(double[] out, double[] y) {
    int rows = checkLabels(out, y);
    double sum = 0;
    for (int r = 0; r < out.length; r += classes) {
      sum += Math.max(margin(out, y, r), 0);
    }
    return sum / rows;
  }

  @Override
  public double[] gradient(double[] out, double[] y) {
    int rows = checkLabels(out, y);
    double[] g = new double[out.length];
    for (int r = 0; r < out.length; r += classes) {
      if (margin(out, y, r) < 0) {
        continue;
      }
      double neg = neg(out, y, r);
      int ties = 0;
      for (int c = r; c < r + classes; c++) {
        ties += (1 - y[c]) * out[c] == neg ? 1 : 0;
      }
      for (int c = r; c < r + classes; c++) {
        double dNeg = (1 - y[c]) * out[c] == neg ? (1 - y[c]) / ties : 0;
        g[c] = (dNeg - y[c]) / rows;
      }
    }
    return g;
  }

  /** {@code m = neg − pos + 1} of the row starting at {@code r}. */
  private double margin(double[] out, double[] y, int r) {
    double pos = 0;
    for (int c = r; c < r + classes; c++) {
      pos += y[c] * out[c];
    }
    return neg(out, y, r) - pos + 1;
  }

  private double neg(double[] out, double[] y, int r) {
    double neg = Double.NEGATIVE_INFINITY;
    for (int c = r; c < r + classes; c++) {
      neg = Math.max(neg, (1 - y[c]) * out[c]);
    }
    return neg;
  }

  private int checkLabels(double[] out, double[] y) {
    checkArgument(out.length % classes == 0,
        "categorical_hinge: output of %s values is not a whole number of rows of %s classes", out.length, classes);
    checkArgument(out.length == y.length, "categorical_hinge: labels must have the output's %s values, got %s",
        out.length, y.length);
    return out.length / classes;
  }
}
