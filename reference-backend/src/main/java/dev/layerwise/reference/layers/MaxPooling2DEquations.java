package dev.layerwise.reference.layers;

import dev.layerwise.reference.tensor.Window2D;
import java.util.Map;

/**
 * Max pooling over windows of NHWC images, each channel on its own.
 *
 * <ul>
 *   <li>{@code y[s,i,j,c] = max over the window's real positions (r, q) of x[s,r,q,c]}: {@code [n, OH, OW, C]};
 *       with SAME padding, padded positions are skipped (never winners), not read as 0 or −∞
 *   <li>the winner: the first position in row-major order within the window among exact ties (TF's CPU kernel)
 *   <li>backward: {@code dx[winner(s,i,j,c)] += dy[s,i,j,c]}, 0 elsewhere; overlapping windows add up
 * </ul>
 */
public final class MaxPooling2DEquations implements RefLayerEquations<MaxPooling2DEquations.Saved> {

  /** For each output element, the flat index of its winning input element, and the input's length. */
  public record Saved(int[] winners, int inputLength) {}

  private final Window2D window;

  public MaxPooling2DEquations(Window2D window) {
    this.window = window;
  }

  @Override
  public Forward<Saved> forward(Map<String, double[]> params, double[] x, Mode mode) {
    Window2D w = window;
    int n = w.samples(x.length);
    int ch = w.channels();
    double[] y = new double[n * w.outputPositions() * ch];
    int[] winners = new int[y.length];
    int o = 0;
    for (int s = 0; s < n; s++) {
      for (int i = 0; i < w.outHeight(); i++) {
        for (int j = 0; j < w.outWidth(); j++) {
          for (int c = 0; c < ch; c++, o++) {
            int best = -1;
            for (int a = 0; a < w.windowHeight(); a++) {
              int r = w.inputRow(i, a);
              for (int b = 0; r >= 0 && r < w.height() && b < w.windowWidth(); b++) {
                int q = w.inputColumn(j, b);
                if (q < 0 || q >= w.width()) {
                  continue;
                }
                int at = ((s * w.height() + r) * w.width() + q) * ch + c;
                if (best < 0 || x[at] > x[best]) { // strictly greater: the first maximum keeps ties
                  best = at;
                }
              }
            }
            winners[o] = best;
            y[o] = x[best];
          }
        }
      }
    }
    return new Forward<>(y, new Saved(winners, x.length));
  }

  @Override
  public Backward backward(Map<String, double[]> params, Saved saved, double[] dy, boolean needDx) {
    if (!needDx) {
      return new Backward(null, Map.of());
    }
    double[] dx = new double[saved.inputLength()];
    int[] winners = saved.winners();
    for (int o = 0; o < dy.length; o++) {
      dx[winners[o]] += dy[o];
    }
    return new Backward(dx, Map.of());
  }
}
