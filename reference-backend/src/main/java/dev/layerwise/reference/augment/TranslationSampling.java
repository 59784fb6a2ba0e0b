package dev.layerwise.reference.augment;

import dev.layerwise.layers.FillMode;
import dev.layerwise.layers.Interpolation;
import dev.layerwise.layers.RandomTranslation;

/**
 * {@code RandomTranslation}'s maps, with the sample's draws (a, b), fractions of the height and width: output row i
 * samples input coordinate {@code u = i − a·h}, mapped into the image by the fill mode (reflect: u → −u − 1 below 0
 * and 2h − 1 − u from h on, then clamped to [0, h − 1]; nearest: clamped; constant: left as is, so that samples
 * outside read the fill value), then
 *
 * <ul>
 *   <li>bilinear: weight {@code 1 − t} on row ⌊u⌋ and t on ⌊u⌋ + 1, {@code t = u − ⌊u⌋}, each only if inside;
 *   <li>nearest: weight 1 on u rounded half away from zero, if inside.
 * </ul>
 *
 * Columns likewise with {@code j − b·w}. This is how TF's {@code ImageProjectiveTransformV3} (what Keras runs) maps
 * and samples a pure translation. Inference: the identity.
 */
public record TranslationSampling(RandomTranslation layer, int h, int w) implements ImageSamplingEquations.Sampler {
  @Override
  public ImageSamplingEquations.AxisMaps training(double[] draws, int s) {
    return new ImageSamplingEquations.AxisMaps(map(h, draws[2 * s] * h), map(w, draws[2 * s + 1] * w));
  }

  @Override
  public ImageSamplingEquations.AxisMaps inference() {
    return null;
  }

  /** {@code [n, n]}: the map of a shift by d pixels. */
  private double[] map(int n, double d) {
    double[] m = new double[n * n];
    for (int i = 0; i < n; i++) {
      double u = coordinate(i - d, n);
      if (layer.interpolation() == Interpolation.NEAREST) {
        put(m, n, i, (long) (Math.signum(u) * Math.floor(Math.abs(u) + 0.5)), 1);
      } else {
        double floor = Math.floor(u);
        double t = u - floor;
        put(m, n, i, (long) floor, 1 - t);
        put(m, n, i, (long) floor + 1, t);
      }
    }
    return m;
  }

  private double coordinate(double u, int n) {
    FillMode mode = layer.fillMode();
    if (mode == FillMode.CONSTANT) {
      return u;
    }
    if (mode == FillMode.REFLECT) {
      if (n == 1) {
        return 0;
      }
      double period = 2.0 * n;
      u -= period * Math.floor(u / period);
      if (u >= n) {
        u = period - 1 - u;
      }
    }
    return Math.max(0, Math.min(n - 1, u));
  }

  private static void put(double[] m, int n, int i, long k, double weight) {
    if (k >= 0 && k < n) {
      m[i * n + (int) k] += weight;
    }
  }
}
