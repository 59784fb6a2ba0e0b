package dev.layerwise.reference.layers;

import java.util.Arrays;
import java.util.Map;

/**
 * {@code Resizing} of NHWC images {@code [n, h, w, c] → [n, H, W, c]} by two {@linkplain
 * dev.layerwise.layers.Interpolation#matrix interpolation matrices}, {@code A = W_h [H, h]} and
 * {@code B = W_w [W, w]}, per image and channel:
 *
 * <ul>
 *   <li>{@code y[i, j] = Σ_a Σ_b A[i, a]·B[j, b]·x[a, b]}, done as two passes (rows, then columns);
 *   <li>{@code dx[a, b] = Σ_i Σ_j A[i, a]·B[j, b]·dy[i, j]}: the transposed passes in reverse order.
 * </ul>
 *
 * <p>No parameters; the same in training and inference.
 */
public final class ResizingEquations implements RefLayerEquations<ResizingEquations.Saved> {

  /** Nothing: the map is linear and fixed. */
  public record Saved() {}

  private static final Saved NOTHING = new Saved();

  private final int h;
  private final int w;
  private final int outH;
  private final int outW;
  private final int c;
  private final double[] rows;
  private final double[] cols;

  /**
   * @param rows {@code [outH, h]} row-major
   * @param cols {@code [outW, w]} row-major
   */
  public ResizingEquations(int h, int w, int outH, int outW, int c, double[] rows, double[] cols) {
    this.h = h;
    this.w = w;
    this.outH = outH;
    this.outW = outW;
    this.c = c;
    this.rows = rows;
    this.cols = cols;
  }

  @Override
  public Forward<Saved> forward(Map<String, double[]> params, double[] x, Mode mode) {
    int n = x.length / (h * w * c);
    double[] y = new double[n * outH * outW * c];
    double[] t = new double[outH * w * c]; // one image resized along its rows
    for (int s = 0; s < n; s++) {
      Arrays.fill(t, 0);
      mix(rows, outH, h, false, x, s * h * w * c, t, 0, 1, w * c);
      mix(cols, outW, w, false, t, 0, y, s * outH * outW * c, outH, c);
    }
    return new Forward<>(y, NOTHING);
  }

  @Override
  public Backward backward(Map<String, double[]> params, Saved saved, double[] dy, boolean needDx) {
    if (!needDx) {
      return new Backward(null, Map.of());
    }
    int n = dy.length / (outH * outW * c);
    double[] dx = new double[n * h * w * c];
    double[] dt = new double[outH * w * c];
    for (int s = 0; s < n; s++) {
      Arrays.fill(dt, 0);
      mix(cols, outW, w, true, dy, s * outH * outW * c, dt, 0, outH, c);
      mix(rows, outH, h, true, dt, 0, dx, s * h * w * c, 1, w * c);
    }
    return new Backward(dx, Map.of());
  }

  /**
   * Applies the {@code [rows, cols]} matrix m (or its transpose) along the middle axis of
   * {@code src[groups, in, inner]}, adding into {@code dst[groups, out, inner]}:
   * {@code dst[g, o, k] += Σ_i m[o, i]·src[g, i, k]} (transposed: {@code m[i, o]}).
   */
  private static void mix(double[] m, int rows, int cols, boolean transposed, double[] src, int srcAt, double[] dst,
      int dstAt, int groups, int inner) {
    int outN = transposed ? cols : rows;
    int inN = transposed ? rows : cols;
    for (int g = 0; g < groups; g++) {
      for (int o = 0; o < outN; o++) {
        for (int i = 0; i < inN; i++) {
          double weight = transposed ? m[i * cols + o] : m[o * cols + i];
          if (weight != 0) { // bilinear rows have two non-zeros, nearest one
            int from = srcAt + (g * inN + i) * inner;
            int to = dstAt + (g * outN + o) * inner;
            for (int k = 0; k < inner; k++) {
              dst[to + k] += weight * src[from + k];
            }
          }
        }
      }
    }
  }
}
