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
      int xs = s * h * w * c;
      for (int i = 0; i < outH; i++) {
        for (int a = 0; a < h; a++) {
          double wa = rows[i * h + a];
          if (wa != 0) {
            for (int k = 0; k < w * c; k++) {
              t[i * w * c + k] += wa * x[xs + a * w * c + k];
            }
          }
        }
      }
      int ys = s * outH * outW * c;
      for (int i = 0; i < outH; i++) {
        for (int j = 0; j < outW; j++) {
          for (int b = 0; b < w; b++) {
            double wb = cols[j * w + b];
            if (wb != 0) {
              for (int ch = 0; ch < c; ch++) {
                y[ys + (i * outW + j) * c + ch] += wb * t[(i * w + b) * c + ch];
              }
            }
          }
        }
      }
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
      int ys = s * outH * outW * c;
      for (int i = 0; i < outH; i++) {
        for (int j = 0; j < outW; j++) {
          for (int b = 0; b < w; b++) {
            double wb = cols[j * w + b];
            if (wb != 0) {
              for (int ch = 0; ch < c; ch++) {
                dt[(i * w + b) * c + ch] += wb * dy[ys + (i * outW + j) * c + ch];
              }
            }
          }
        }
      }
      int xs = s * h * w * c;
      for (int i = 0; i < outH; i++) {
        for (int a = 0; a < h; a++) {
          double wa = rows[i * h + a];
          if (wa != 0) {
            for (int k = 0; k < w * c; k++) {
              dx[xs + a * w * c + k] += wa * dt[i * w * c + k];
            }
          }
        }
      }
    }
    return new Backward(dx, Map.of());
  }
}
