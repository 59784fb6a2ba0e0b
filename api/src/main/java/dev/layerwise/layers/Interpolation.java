package dev.layerwise.layers;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How {@link Resizing} samples the input, with TF's half-pixel centres (what Keras's {@code tf.image.resize}
 * uses): output index i along an axis of {@code in → out} values sits at input coordinate
 * {@code s = (i + ½)·in/out − ½}.
 *
 * <p>Both are linear maps along each axis, given by an {@code [out, in]} {@linkplain #matrix matrix} W, so an image
 * resizes as {@code Y = W_h · X · W_wᵀ} per channel, and the gradient is {@code dX = W_hᵀ · dY · W_w}.
 *
 * <p>The augmentation layers that resample ({@link RandomTranslation}, {@link RandomRotation}, {@link RandomZoom})
 * take the same two values for the sample point their transform gives: bilinear weighs its four neighbouring pixels
 * by distance, nearest takes the closest pixel (halves rounded away from zero).
 */
public enum Interpolation {
  /**
   * {@code y_i = (1 − f)·x_lo + f·x_hi}, {@code lo = max(⌊s⌋, 0)}, {@code hi = min(⌈s⌉, in − 1)},
   * {@code f = s − ⌊s⌋}: edges clamp. TF's kernel computes s in float32; here it is float64.
   */
  BILINEAR,
  /** {@code y_i = x_k}, {@code k = min(⌊(i + ½)·in/out⌋, in − 1)}, as TF's half-pixel nearest neighbour. */
  NEAREST;

  /** The {@code [out, in]} row-major matrix mapping one axis of {@code in} values to {@code out}. */
  public double[] matrix(int in, int out) {
    checkArgument(in > 0 && out > 0, "Interpolation: sizes must be positive, got %s → %s", in, out);
    double[] w = new double[out * in];
    double scale = in / (double) out;
    for (int i = 0; i < out; i++) {
      if (this == NEAREST) {
        w[i * in + Math.min((int) Math.floor((i + 0.5) * scale), in - 1)] = 1;
        continue;
      }
      double s = (i + 0.5) * scale - 0.5;
      double floor = Math.floor(s);
      int lo = Math.max((int) floor, 0);
      int hi = Math.min((int) Math.ceil(s), in - 1);
      double f = s - floor;
      w[i * in + lo] += 1 - f;
      w[i * in + hi] += f;
    }
    return w;
  }
}
