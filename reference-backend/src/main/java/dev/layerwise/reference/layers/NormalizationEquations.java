package dev.layerwise.reference.layers;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Map;

/**
 * {@code Normalization} with fixed statistics of d entries (one per entry of the kept axes); flat element i of the
 * batch belongs to entry {@code k = entryIndex[i mod sampleSize]} ({@code Normalization.entryIndex}). With {@code σₖ = max(√variance[k], ε)}:
 *
 * <ul>
 *   <li>{@code y = (x − mean[k]) / σₖ}, {@code dx = dy / σₖ};
 *   <li>mean only (no {@code variance} weight): {@code y = x − mean[k]}, {@code dx = dy}.
 * </ul>
 *
 * <p>Both statistics are non-trainable weights read from {@code params}; the layer has no parameter gradients and
 * no state updates, in either mode: {@code fit} never moves them.
 */
public final class NormalizationEquations implements RefLayerEquations<NormalizationEquations.Saved> {
  public static final String MEAN = "mean";
  public static final String VARIANCE = "variance";

  /** The divisor per entry (all ones for a mean-only layer). */
  public record Saved(double[] divisor) {}

  private final int entries;
  private final int[] entryIndex;
  private final boolean meanOnly;
  private final double epsilon;

  /**
   * @param entries d, the number of statistics
   * @param entryIndex the entry of each row-major position within a sample
   * @param meanOnly whether only the mean is subtracted
   * @param epsilon the floor of the divisor
   */
  public NormalizationEquations(int entries, int[] entryIndex, boolean meanOnly, double epsilon) {
    checkArgument(entries > 0 && entryIndex.length > 0, "NormalizationEquations: entries and the sample size must"
        + " be positive, got %s and %s", entries, entryIndex.length);
    this.entries = entries;
    this.entryIndex = entryIndex.clone();
    this.meanOnly = meanOnly;
    this.epsilon = epsilon;
  }

  @Override
  public Forward<Saved> forward(Map<String, double[]> params, double[] x, Mode mode) {
    double[] mean = params.get(MEAN);
    double[] divisor = new double[entries];
    double[] variance = meanOnly ? null : params.get(VARIANCE);
    for (int k = 0; k < entries; k++) {
      divisor[k] = meanOnly ? 1 : Math.max(Math.sqrt(variance[k]), epsilon);
    }
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      int k = entryIndex[i % entryIndex.length];
      y[i] = (x[i] - mean[k]) / divisor[k];
    }
    return new Forward<>(y, new Saved(divisor));
  }

  @Override
  public Backward backward(Map<String, double[]> params, Saved saved, double[] dy, boolean needDx) {
    if (!needDx) {
      return new Backward(null, Map.of());
    }
    double[] dx = new double[dy.length];
    for (int i = 0; i < dy.length; i++) {
      dx[i] = dy[i] / saved.divisor()[entryIndex[i % entryIndex.length]];
    }
    return new Backward(dx, Map.of());
  }
}
