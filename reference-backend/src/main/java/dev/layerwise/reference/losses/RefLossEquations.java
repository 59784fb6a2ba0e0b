package dev.layerwise.reference.losses;

import java.util.Arrays;

/**
 * The anatomy every loss shares: the objective's value and, beside it, its hand-written gradient with respect to
 * the model's output.
 *
 * <p>Every loss is the mean over the batch of a per-sample loss ℓ ({@code L = (1/N) Σ_n ℓ_n}, Keras's
 * {@code SUM_OVER_BATCH_SIZE}), so every gradient carries a factor 1/N. Outputs and labels are flat row-major
 * arrays, batch first; each implementation knows the per-sample sizes it needs.
 */
public interface RefLossEquations {

  /** {@code L}, the batch's mean loss. */
  double loss(double[] output, double[] labels);

  /** {@code ∂L/∂output}, shaped like {@code output}. */
  double[] gradient(double[] output, double[] labels);

  /**
   * The loss of a batch of N samples with weights wₙ, Keras 3's {@code sum_over_batch_size}:
   * {@code L_w = (1/N) Σ_n wₙ Lₙ}, where {@code Lₙ = loss(outputₙ, labelsₙ)} is the loss of sample n alone.
   *
   * <p>Every loss above is the mean of R per-row terms ℓ_r, each sample holding R/N of them, so this is
   * {@code (1/R) Σ_r w_(n(r)) ℓ_r}: the weighted terms summed and divided by their number, not by the sum of the
   * weights. With every wₙ = 1 it is {@link #loss}.
   *
   * @param weights at least N values wₙ ≥ 0; only the first N count
   */
  default double weightedLoss(double[] output, double[] labels, double[] weights, int n) {
    int outSize = output.length / n;
    int labelSize = labels.length / n;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += weights[i] * loss(sample(output, i, outSize), sample(labels, i, labelSize));
    }
    return sum / n;
  }

  /**
   * {@code ∂L_w/∂outputₙ = (wₙ/N)·∂Lₙ/∂outputₙ}: each sample's own gradient scaled by its weight over the batch
   * size, shaped like {@code output}.
   */
  default double[] weightedGradient(double[] output, double[] labels, double[] weights, int n) {
    int outSize = output.length / n;
    int labelSize = labels.length / n;
    double[] g = new double[output.length];
    for (int i = 0; i < n; i++) {
      double[] gi = gradient(sample(output, i, outSize), sample(labels, i, labelSize));
      for (int j = 0; j < outSize; j++) {
        g[i * outSize + j] = weights[i] / n * gi[j];
      }
    }
    return g;
  }

  private static double[] sample(double[] batch, int i, int size) {
    return Arrays.copyOfRange(batch, i * size, (i + 1) * size);
  }
}
