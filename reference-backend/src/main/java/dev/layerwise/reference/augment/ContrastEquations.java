package dev.layerwise.reference.augment;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.reference.layers.RefLayerEquations;
import java.util.Map;

/**
 * {@code RandomContrast} on NHWC images {@code [n, h, w, c]}, given one factor f per sample: per sample and channel,
 * over its m = h·w values,
 *
 * <pre>
 *   μ = (1/m) Σ_k x_k,   z_k = (x_k − μ)·f + μ,   y_k = min(max(z_k, low), high)
 *   g_k = dy_k where low ≤ z_k ≤ high, else 0
 *   dx_k = f·g_k + ((1 − f)/m)·Σ_l g_l
 * </pre>
 *
 * At inference the identity.
 */
public final class ContrastEquations implements RefLayerEquations<ContrastEquations.Saved> {

  /** The factors and the unclipped values z, or nothing at inference. */
  public record Saved(double[] factors, double[] z) {}

  private final int m;
  private final int c;
  private final double low;
  private final double high;
  private final String layer;

  public ContrastEquations(int h, int w, int c, double low, double high, String layer) {
    this.m = h * w;
    this.c = c;
    this.low = low;
    this.high = high;
    this.layer = layer;
  }

  @Override
  public Forward<Saved> forward(Map<String, double[]> params, double[] x, Mode mode) {
    if (!mode.training()) {
      return new Forward<>(x, new Saved(null, null));
    }
    double[] f = mode.draws();
    checkArgument(f != null, "%s: a training-mode pass needs the contrast factors, got none", layer);
    int n = x.length / (m * c);
    double[] z = new double[x.length];
    double[] y = new double[x.length];
    for (int s = 0; s < n; s++) {
      for (int ch = 0; ch < c; ch++) {
        double mean = 0;
        for (int k = 0; k < m; k++) {
          mean += x[(s * m + k) * c + ch];
        }
        mean /= m;
        for (int k = 0; k < m; k++) {
          int i = (s * m + k) * c + ch;
          z[i] = (x[i] - mean) * f[s] + mean;
          y[i] = Math.min(Math.max(z[i], low), high);
        }
      }
    }
    return new Forward<>(y, new Saved(f, z));
  }

  @Override
  public Backward backward(Map<String, double[]> params, Saved saved, double[] dy, boolean needDx) {
    if (!needDx) {
      return new Backward(null, Map.of());
    }
    if (saved.factors() == null) {
      return new Backward(dy, Map.of());
    }
    int n = dy.length / (m * c);
    double[] dx = new double[dy.length];
    for (int s = 0; s < n; s++) {
      double f = saved.factors()[s];
      for (int ch = 0; ch < c; ch++) {
        double total = 0;
        for (int k = 0; k < m; k++) {
          total += passed(saved, dy, (s * m + k) * c + ch);
        }
        for (int k = 0; k < m; k++) {
          int i = (s * m + k) * c + ch;
          dx[i] = f * passed(saved, dy, i) + (1 - f) / m * total;
        }
      }
    }
    return new Backward(dx, Map.of());
  }

  /** dy where the clip let z through, 0 where it clipped. */
  private double passed(Saved saved, double[] dy, int i) {
    double z = saved.z()[i];
    return z >= low && z <= high ? dy[i] : 0;
  }
}
