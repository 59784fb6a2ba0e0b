package dev.layerwise.reference.losses;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.losses.Loss;
import dev.layerwise.reference.activations.SoftmaxEquations;

/**
 * Categorical cross-entropy with one integer class label t ∈ [0, C) per sample (stored as a float): exactly
 * {@link CategoricalCrossentropyEquations} with {@code y = onehot(t)}, written out for that case. Output
 * {@code [N, C]}, labels {@code [N]}; the loss is the mean over the N samples.
 *
 * <p>From probabilities p, per sample, with {@code s = Σ_c p_c}, {@code q = p / s},
 * {@code p̂ = clip(q, ε, 1 − ε)}, ε = {@value Loss#EPSILON}:
 * <ul>
 *   <li>{@code ℓ = −log p̂_t}
 *   <li>with {@code g = ∂ℓ/∂q_t = −1 / q_t} where {@code ε ≤ q_t ≤ 1 − ε}, else 0:
 *       {@code ∂L/∂p_j = g (δ_jt − q_t) / s / N}. For unclipped q that is {@code (1 − δ_jt / q_t) / s / N}: the
 *       renormalisation pushes every p_j up by {@code 1 / (s N)}.
 * </ul>
 *
 * <p>From logits z: {@code ℓ = −logsoftmax(z)_t = log Σ_j e^(z_j) − z_t}, and
 * {@code ∂L/∂z_j = (softmax(z)_j − δ_jt) / N}.
 */
public final class SparseCategoricalCrossentropyEquations implements RefLossEquations {
  private static final double EPS = Loss.EPSILON;

  private final boolean fromLogits;
  private final int classes;

  /** @param classes the size C of the output's last axis */
  public SparseCategoricalCrossentropyEquations(boolean fromLogits, int classes) {
    checkArgument(classes > 0, "sparse_categorical_crossentropy: classes must be positive, got %s", classes);
    this.fromLogits = fromLogits;
    this.classes = classes;
  }

  @Override
  public double loss(double[] out, double[] labels) {
    int n = checkShapes(out, labels);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      int r = i * classes;
      int t = r + classIndex(labels[i], i);
      if (fromLogits) {
        sum += CategoricalCrossentropyEquations.logSumExp(out, r, classes) - out[t];
      } else {
        double s = CategoricalCrossentropyEquations.rowSum(out, r, classes);
        sum -= Math.log(CategoricalCrossentropyEquations.clip(out[t] / s));
      }
    }
    return sum / n;
  }

  @Override
  public double[] gradient(double[] out, double[] labels) {
    int n = checkShapes(out, labels);
    double[] g = new double[out.length];
    double[] softmax = fromLogits ? SoftmaxEquations.softmax(out, classes) : null;
    for (int i = 0; i < n; i++) {
      int r = i * classes;
      int t = r + classIndex(labels[i], i);
      if (fromLogits) {
        for (int j = r; j < r + classes; j++) {
          g[j] = (softmax[j] - (j == t ? 1 : 0)) / n;
        }
      } else {
        double s = CategoricalCrossentropyEquations.rowSum(out, r, classes);
        double qt = out[t] / s;
        double gt = qt < EPS || qt > 1 - EPS ? 0 : -1 / qt;
        for (int j = r; j < r + classes; j++) {
          g[j] = gt * ((j == t ? 1 : 0) - qt) / s / n;
        }
      }
    }
    return g;
  }

  /** The class a float label stands for; anything but an integer in [0, C) is refused. */
  private int classIndex(double label, int sample) {
    if (!(label >= 0 && label < classes && label == Math.rint(label))) {
      throw new IllegalArgumentException(String.format(
          "sparse_categorical_crossentropy: sample %d has label %s; expected a class index in [0, %d)", sample,
          label, classes));
    }
    return (int) label;
  }

  private int checkShapes(double[] out, double[] labels) {
    checkArgument(out.length == labels.length * classes,
        "sparse_categorical_crossentropy: %s labels need an output of %s × %s values, got %s", labels.length,
        labels.length, classes, out.length);
    return labels.length;
  }
}
