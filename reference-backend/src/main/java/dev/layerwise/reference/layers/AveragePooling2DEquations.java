package dev.layerwise.reference.layers;

import dev.layerwise.reference.tensor.Window2D;
import java.util.Map;

/**
 * Average pooling over windows of NHWC images, each channel on its own.
 *
 * <ul>
 *   <li>{@code y[s,i,j,c] = (1/k_ij)·Σ x[s,r,q,c]} over the window's real positions (r, q), k_ij their number:
 *       with SAME padding a border window averages only the values it covers (TF's convention), it does not
 *       count padded zeros
 *   <li>backward: {@code dx[s,r,q,c] += dy[s,i,j,c] / k_ij} for every real position of window (i, j);
 *       overlapping windows add up
 * </ul>
 */
public final class AveragePooling2DEquations implements RefLayerEquations<AveragePooling2DEquations.Saved> {

  /** The number of samples: the backward needs nothing else. */
  public record Saved(int samples) {}

  private final Window2D window;

  public AveragePooling2DEquations(Window2D window) {
    this.window = window;
  }

  @Override
  public Forward<Saved> forward(Map<String, double[]> params, double[] x, Mode mode) {
    int n = window.samples(x.length);
    double[] y = new double[n * window.outputPositions() * window.channels()];
    double[] count = new double[y.length];
    visit(n, (in, out, k) -> {
      y[out] += x[in];
      count[out] = k;
    });
    for (int o = 0; o < y.length; o++) {
      y[o] /= count[o];
    }
    return new Forward<>(y, new Saved(n));
  }

  @Override
  public Backward backward(Map<String, double[]> params, Saved saved, double[] dy, boolean needDx) {
    if (!needDx) {
      return new Backward(null, Map.of());
    }
    double[] dx = new double[saved.samples() * window.inputSize()];
    visit(saved.samples(), (in, out, k) -> dx[in] += dy[out] / k);
    return new Backward(dx, Map.of());
  }

  private interface PairVisitor {
    /** Input element {@code in} lies in the window of output element {@code out}, which has k real positions. */
    void visit(int in, int out, int k);
  }

  /** Visits every (input element, output element) pair of a real window position, for every channel. */
  private void visit(int n, PairVisitor visitor) {
    Window2D w = window;
    int ch = w.channels();
    int out = 0;
    for (int s = 0; s < n; s++) {
      for (int i = 0; i < w.outHeight(); i++) {
        int rows = 0;
        for (int a = 0; a < w.windowHeight(); a++) {
          rows += w.inputRow(i, a) >= 0 && w.inputRow(i, a) < w.height() ? 1 : 0;
        }
        for (int j = 0; j < w.outWidth(); j++, out += ch) {
          int cols = 0;
          for (int b = 0; b < w.windowWidth(); b++) {
            cols += w.inputColumn(j, b) >= 0 && w.inputColumn(j, b) < w.width() ? 1 : 0;
          }
          int k = rows * cols;
          for (int a = 0; a < w.windowHeight(); a++) {
            int r = w.inputRow(i, a);
            for (int b = 0; r >= 0 && r < w.height() && b < w.windowWidth(); b++) {
              int q = w.inputColumn(j, b);
              if (q < 0 || q >= w.width()) {
                continue;
              }
              int in = ((s * w.height() + r) * w.width() + q) * ch;
              for (int c = 0; c < ch; c++) {
                visitor.visit(in + c, out + c, k);
              }
            }
          }
        }
      }
    }
  }
}
