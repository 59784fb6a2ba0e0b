package dev.layerwise.reference.activations;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;
import dev.layerwise.reference.layers.RefLayerEquations;
import java.util.Map;

/**
 * Parametric ReLU: a leaky ReLU whose slope α is a learned weight, broadcast against each sample.
 *
 * <ul>
 *   <li>x, y: {@code [batch, d1, …, dk]}; α ({@code alpha}): a shape of rank ≤ k whose dimensions, aligned on
 *       the right, are each 1 or equal to the sample's ({@code [dk]} per channel, {@code [1]} shared). Element x
 *       uses {@code α[a(x)]}, a(x) the sample coordinates with broadcast axes set to 0
 *   <li>{@code y = x if x > 0 else α·x}
 *   <li>{@code dx = dy if x > 0 else α·dy} (so α at the kink x = 0)
 *   <li>{@code dα[a] = Σ_{x : a(x) = a, x ≤ 0} x·dy}: a sum over the batch and over every broadcast axis (0 from
 *       x = 0 itself)
 * </ul>
 */
public final class PReluEquations implements RefLayerEquations<PReluEquations.Saved> {
  public static final String ALPHA = "alpha";

  /** The input: both dx and dα depend on its sign, dα on its value. */
  public record Saved(double[] x) {}

  private final int sampleSize;
  private final int alphaSize;
  /** For each offset within a sample, the index into α it uses. */
  private final int[] alphaIndex;

  /**
   * @param sample the per-sample input shape
   * @param alphaShape the shape of α, checked to broadcast against {@code sample}
   */
  public PReluEquations(Shape sample, Shape alphaShape) {
    int rank = sample.rank();
    int aRank = alphaShape.rank();
    checkArgument(aRank <= rank, "PReLU: alpha of shape %s has a higher rank than the sample %s", alphaShape,
        sample);
    for (int i = 1; i <= aRank; i++) {
      int ad = alphaShape.dim(-i);
      checkArgument(ad == 1 || ad == sample.dim(-i), "PReLU: alpha of shape %s does not broadcast against a"
          + " sample of shape %s: dimension %s must be 1 or %s, got %s", alphaShape, sample, -i, sample.dim(-i), ad);
    }
    this.sampleSize = sample.size();
    this.alphaSize = alphaShape.size();
    this.alphaIndex = new int[sampleSize];
    // The step in α's flat index for a step along each sample axis: 0 where α broadcasts or has no such axis.
    int[] dims = sample.dims();
    int[] strideInAlpha = new int[rank];
    for (int i = 1, stride = 1; i <= aRank; stride *= alphaShape.dim(-i), i++) {
      strideInAlpha[rank - i] = alphaShape.dim(-i) == 1 ? 0 : stride;
    }
    int[] coord = new int[rank];
    for (int s = 0; s < sampleSize; s++) {
      for (int d = 0; d < rank; d++) {
        alphaIndex[s] += coord[d] * strideInAlpha[d];
      }
      for (int d = rank - 1; d >= 0 && ++coord[d] == dims[d]; d--) { // next coordinates, row-major
        coord[d] = 0;
      }
    }
  }

  @Override
  public Forward<Saved> forward(Map<String, double[]> params, double[] x, Mode mode) {
    double[] alpha = alpha(params);
    checkArgument(x.length % sampleSize == 0, "PReLU: input of %s values is not a whole number of samples of %s",
        x.length, sampleSize);
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] > 0 ? x[i] : alpha[alphaIndex[i % sampleSize]] * x[i];
    }
    return new Forward<>(y, new Saved(x));
  }

  @Override
  public Backward backward(Map<String, double[]> params, Saved saved, double[] dy, boolean needDx) {
    double[] alpha = alpha(params);
    double[] x = saved.x();
    double[] dAlpha = new double[alphaSize];
    double[] dx = needDx ? new double[x.length] : null;
    for (int i = 0; i < x.length; i++) {
      int a = alphaIndex[i % sampleSize];
      if (x[i] > 0) {
        if (needDx) {
          dx[i] = dy[i];
        }
      } else {
        dAlpha[a] += x[i] * dy[i];
        if (needDx) {
          dx[i] = alpha[a] * dy[i];
        }
      }
    }
    return new Backward(dx, Map.of(ALPHA, dAlpha));
  }

  private double[] alpha(Map<String, double[]> params) {
    double[] alpha = params.get(ALPHA);
    checkArgument(alpha != null && alpha.length == alphaSize, "PReLU: expects alpha of %s values, got %s",
        alphaSize, alpha == null ? "none" : String.valueOf(alpha.length));
    return alpha;
  }
}
