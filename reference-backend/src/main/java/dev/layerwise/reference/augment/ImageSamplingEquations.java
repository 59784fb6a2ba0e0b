package dev.layerwise.reference.augment;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.reference.layers.RefLayerEquations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A per-sample separable resampling of NHWC images {@code [n, h, w, c] → [n, H, W, c]}, the shape of flips, crops and
 * translations: each sample s has a row map {@code R_s [H, h]} and a column map {@code C_s [W, w]}, chosen by its
 * draws ({@link Sampler}), and per channel
 *
 * <pre>
 *   y_s  = R_s · x_s · C_sᵀ  (+ v·(1 − (R_s·1)(C_s·1)ᵀ) when out-of-image samples read the fill value v)
 *   dx_s = R_sᵀ · dy_s · C_s
 * </pre>
 *
 * A row of R holds the weights output row i takes from the input rows (one 1 for a flip or a crop, the two
 * bilinear weights for a fractional shift); a sample outside the image has no column there, and with a fill value
 * the missing weight is filled with v. The fill does not depend on x, so the gradient has no term for it.
 */
public final class ImageSamplingEquations implements RefLayerEquations<ImageSamplingEquations.Saved> {

  /** One sample's maps, row-major: {@code rows [H, h]}, {@code columns [W, w]}. */
  public record AxisMaps(double[] rows, double[] columns) {}

  /** How a layer chooses the maps: from each sample's draws in training, once at inference. */
  public interface Sampler {
    /** Sample {@code s}'s maps from the batch's draws ({@code k} per sample). */
    AxisMaps training(double[] draws, int s);

    /** The maps of every sample at inference, or {@code null} for the identity. */
    AxisMaps inference();
  }

  /** The maps each sample used, or {@code null} for an identity pass. */
  public record Saved(List<AxisMaps> maps) {}

  private final int h;
  private final int w;
  private final int c;
  private final int outH;
  private final int outW;
  private final Double fill;
  private final Sampler sampler;
  private final String layer;

  /**
   * @param fill the value out-of-image samples read, or {@code null} when the maps never leave the image (or
   *     read zeros)
   * @param layer how errors name the layer
   */
  public ImageSamplingEquations(int h, int w, int c, int outH, int outW, Double fill, Sampler sampler,
      String layer) {
    this.h = h;
    this.w = w;
    this.c = c;
    this.outH = outH;
    this.outW = outW;
    this.fill = fill;
    this.sampler = sampler;
    this.layer = layer;
  }

  @Override
  public Forward<Saved> forward(Map<String, double[]> params, double[] x, Mode mode) {
    int n = x.length / (h * w * c);
    List<AxisMaps> maps = new ArrayList<>(n);
    if (mode.training()) {
      double[] draws = mode.draws();
      checkArgument(draws != null, "%s: a training-mode pass needs the layer's draws, got none", layer);
      for (int s = 0; s < n; s++) {
        maps.add(sampler.training(draws, s));
      }
    } else {
      AxisMaps once = sampler.inference();
      if (once == null) {
        return new Forward<>(x, new Saved(null));
      }
      for (int s = 0; s < n; s++) {
        maps.add(once);
      }
    }
    double[] y = new double[n * outH * outW * c];
    for (int s = 0; s < n; s++) {
      AxisMaps m = maps.get(s);
      double[] t = new double[outH * w * c]; // R_s · x_s
      for (int i = 0; i < outH; i++) {
        for (int r = 0; r < h; r++) {
          double a = m.rows()[i * h + r];
          if (a != 0) {
            for (int q = 0; q < w * c; q++) {
              t[i * w * c + q] += a * x[(s * h + r) * w * c + q];
            }
          }
        }
      }
      for (int i = 0; i < outH; i++) {
        double rowWeight = fill == null ? 0 : sum(m.rows(), i, h);
        for (int j = 0; j < outW; j++) {
          int o = ((s * outH + i) * outW + j) * c;
          for (int q = 0; q < w; q++) {
            double b = m.columns()[j * w + q];
            if (b != 0) {
              for (int ch = 0; ch < c; ch++) {
                y[o + ch] += b * t[(i * w + q) * c + ch];
              }
            }
          }
          if (fill != null) {
            double missing = 1 - rowWeight * sum(m.columns(), j, w);
            for (int ch = 0; ch < c; ch++) {
              y[o + ch] += fill * missing;
            }
          }
        }
      }
    }
    return new Forward<>(y, new Saved(maps));
  }

  @Override
  public Backward backward(Map<String, double[]> params, Saved saved, double[] dy, boolean needDx) {
    if (!needDx) {
      return new Backward(null, Map.of());
    }
    if (saved.maps() == null) {
      return new Backward(dy, Map.of());
    }
    int n = saved.maps().size();
    double[] dx = new double[n * h * w * c];
    for (int s = 0; s < n; s++) {
      AxisMaps m = saved.maps().get(s);
      double[] dt = new double[outH * w * c]; // dy_s · C_s
      for (int i = 0; i < outH; i++) {
        for (int j = 0; j < outW; j++) {
          for (int q = 0; q < w; q++) {
            double b = m.columns()[j * w + q];
            if (b != 0) {
              for (int ch = 0; ch < c; ch++) {
                dt[(i * w + q) * c + ch] += b * dy[((s * outH + i) * outW + j) * c + ch];
              }
            }
          }
        }
      }
      for (int i = 0; i < outH; i++) {
        for (int r = 0; r < h; r++) {
          double a = m.rows()[i * h + r];
          if (a != 0) {
            for (int q = 0; q < w * c; q++) {
              dx[(s * h + r) * w * c + q] += a * dt[i * w * c + q];
            }
          }
        }
      }
    }
    return new Backward(dx, Map.of());
  }

  private static double sum(double[] matrix, int row, int cols) {
    double total = 0;
    for (int k = 0; k < cols; k++) {
      total += matrix[row * cols + k];
    }
    return total;
  }
}
