package dev.layerwise.reference.losses;

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
}
