package dev.layerwise.reference.layers;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.layers.FillMode;
import dev.layerwise.layers.Interpolation;

/**
 * Warps NHWC images {@code [n, h, w, c] → [n, h, w, c]} through a projective transform per image, as TF's
 * {@code ImageProjectiveTransformV3} does (the op Keras's {@code RandomRotation} and {@code RandomZoom} call), in
 * float64. A transform is eight numbers {@code (a0, a1, a2, b0, b1, b2, c0, c1)} mapping an <em>output</em>
 * pixel {@code (x, y)} (column, row) to the <em>input</em> point it samples:
 *
 * <pre>
 *   k  = c0·x + c1·y + 1             (k = 0: the point is at infinity → fill value)
 *   x' = (a0·x + a1·y + a2) / k
 *   y' = (b0·x + b1·y + b2) / k
 * </pre>
 *
 * <p>x' and y' are then mapped into the image by the {@link FillMode} (per axis, with the axis's length; only
 * {@code CONSTANT} leaves a point outside {@code [0, w − 1] × [0, h − 1]}), and sampled per channel, any pixel
 * outside the image reading the fill value:
 *
 * <ul>
 *   <li>{@code NEAREST}: {@code out = in[round(y'), round(x')]}, halves rounded away from zero;
 *   <li>{@code BILINEAR}: with {@code x0 = ⌊x'⌋, x1 = x0 + 1, y0 = ⌊y'⌋, y1 = y0 + 1},
 *       {@code out = (y1 − y')·[(x1 − x')·in[y0, x0] + (x' − x0)·in[y0, x1]]
 *                  + (y' − y0)·[(x1 − x')·in[y1, x0] + (x' − x0)·in[y1, x1]]},
 *       where a neighbour outside the image reads the fill value (its weight is 0 unless the fill mode is
 *       {@code CONSTANT}).
 * </ul>
 *
 * <p>So in {@code CONSTANT} mode a point less than a pixel outside the image blends the edge pixels with the fill
 * value (bilinear), or takes the edge pixel when less than half a pixel outside (nearest): this is TF 2.18's
 * kernel, the one TF Java 1.1.0 runs and these equations are tested against. (Later TF versions fill every point
 * outside the image outright.)
 *
 * <p>TF's kernel reads the transform as float32 and computes x', y' and the bilinear weights in float32 whatever
 * the image type; here everything is float64, so the two agree to float32 rounding, exactly where no sample
 * point lies within that rounding of a pixel boundary (a nearest-neighbour half, an edge in {@code CONSTANT}
 * mode, a seam in {@code WRAP} mode).
 *
 * <p>No backward: {@code ImageProjectiveTransformV3} registers no gradient in TF, and the layers using it are
 * allowed only where no gradient has to flow through them, on both backends alike.
 */
public final class ProjectiveTransform {
  private ProjectiveTransform() {}

  /**
   * @param images {@code [n, h, w, c]} row-major
   * @param transforms {@code [n, 8]} (one per image) or {@code [1, 8]} (one for all), row-major
   * @return the warped images, {@code [n, h, w, c]}
   */
  public static double[] apply(double[] images, int n, int h, int w, int c, double[] transforms,
      Interpolation interpolation, FillMode fillMode, double fillValue) {
    checkArgument(images.length == n * h * w * c, "ProjectiveTransform: %s values for images [%s, %s, %s, %s]",
        images.length, n, h, w, c);
    checkArgument(transforms.length == 8 || transforms.length == 8 * n,
        "ProjectiveTransform: transforms must be [1, 8] or [%s, 8], got %s values", n, transforms.length);
    double[] out = new double[images.length];
    for (int b = 0; b < n; b++) {
      int t = transforms.length == 8 ? 0 : 8 * b;
      Sampler image = new Sampler(images, b * h * w * c, h, w, c, fillValue);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int at = ((b * h + y) * w + x) * c;
          double k = transforms[t + 6] * x + transforms[t + 7] * y + 1;
          if (k == 0) {
            java.util.Arrays.fill(out, at, at + c, fillValue);
            continue;
          }
          double sx = map(fillMode, (transforms[t] * x + transforms[t + 1] * y + transforms[t + 2]) / k, w);
          double sy = map(fillMode, (transforms[t + 3] * x + transforms[t + 4] * y + transforms[t + 5]) / k, h);
          for (int ch = 0; ch < c; ch++) {
            out[at + ch] = image.sample(sy, sx, ch, interpolation);
          }
        }
      }
    }
    return out;
  }

  /** Maps a sample coordinate into {@code [0, len − 1]} by the fill mode ({@code CONSTANT} leaves it). */
  static double map(FillMode mode, double v, int len) {
    switch (mode) {
      case CONSTANT:
        return v;
      case NEAREST:
        return clamp(v, len);
      case REFLECT:
        if (len <= 1 && (v < 0 || v > len - 1)) {
          return 0;
        }
        if (v < 0) {
          double period = 2.0 * len;
          v += period * truncate(-v / period);
          v = v < -len ? v + period : -v - 1;
        } else if (v > len - 1) {
          double period = 2.0 * len;
          v -= period * truncate(v / period);
          if (v >= len) {
            v = period - v - 1;
          }
        }
        return clamp(v, len);
      case WRAP:
        if (len <= 1 && (v < 0 || v > len - 1)) {
          return 0;
        }
        if (v < 0) {
          v += len * (truncate(-v / (len - 1)) + 1);
        } else if (v > len - 1) {
          v -= len * truncate(v / (len - 1));
        }
        return clamp(v, len);
      default:
        throw new IllegalArgumentException("ProjectiveTransform: unknown fill mode " + mode);
    }
  }

  private static double clamp(double v, int len) {
    return Math.min(Math.max(v, 0), len - 1);
  }

  /** Toward zero, as C++'s conversion of a float to an integer index. */
  private static double truncate(double v) {
    return (long) v;
  }

  /** One image's pixels, read with the fill value outside. */
  private record Sampler(double[] images, int offset, int h, int w, int c, double fillValue) {
    double sample(double y, double x, int ch, Interpolation interpolation) {
      if (interpolation == Interpolation.NEAREST) {
        return read(round(y), round(x), ch);
      }
      double x0 = Math.floor(x);
      double y0 = Math.floor(y);
      double fx = x - x0;
      double fy = y - y0;
      double top = (1 - fx) * read(y0, x0, ch) + fx * read(y0, x0 + 1, ch);
      double bottom = (1 - fx) * read(y0 + 1, x0, ch) + fx * read(y0 + 1, x0 + 1, ch);
      return (1 - fy) * top + fy * bottom;
    }

    /** Halves away from zero, as C++'s {@code std::round}: −0.5 is outside, −0.4 rounds to pixel 0. */
    private static double round(double v) {
      return Math.signum(v) * Math.floor(Math.abs(v) + 0.5);
    }

    private double read(double y, double x, int ch) {
      return y >= 0 && y < h && x >= 0 && x < w ? images[offset + (int) ((y * w + x) * c) + ch] : fillValue;
    }
  }
}
