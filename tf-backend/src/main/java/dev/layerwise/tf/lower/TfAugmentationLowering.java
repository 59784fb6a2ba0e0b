package dev.layerwise.tf.lower;

import dev.layerwise.Shape;
import dev.layerwise.layers.FillMode;
import dev.layerwise.layers.FlipMode;
import dev.layerwise.layers.Interpolation;
import dev.layerwise.layers.RandomContrast;
import dev.layerwise.layers.RandomCrop;
import dev.layerwise.layers.RandomTranslation;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * The augmentation layers in a training-mode graph, from their fed draws {@code d [batch, k]} (drawn in Java by the
 * api, so no TF random op is involved). Flips, crops and translations build each image's row and column maps in the
 * graph and apply them with {@link TfImageSampling}; the contrast change is elementwise arithmetic. Every op on the
 * way from x has a registered gradient, so the layers may sit anywhere. At inference each is the identity, except
 * the crop's centred window ({@link #cropInference}).
 */
final class TfAugmentationLowering {
  private TfAugmentationLowering() {}

  /** Flip flag f per image: along each flipped axis the map {@code I + f·(J − I)}, J the reversal. */
  static <T extends TFloating> Operand<T> flip(TfScope<T> s, FlipMode mode, Shape input, Operand<T> x,
      Operand<T> draws) {
    Operand<T> f = s.tf().reshape(draws, s.ints(-1, 1, 1));
    int h = input.dim(0);
    int w = input.dim(1);
    return TfImageSampling.apply(s, x, h, w, input.dim(2), h, w, mode.rows() ? flipMap(s, f, h) : null,
        mode.columns() ? flipMap(s, f, w) : null);
  }

  private static <T extends TFloating> Operand<T> flipMap(TfScope<T> s, Operand<T> f, int n) {
    double[] identity = new double[n * n];
    double[] change = new double[n * n]; // J − I
    for (int i = 0; i < n; i++) {
      identity[i * n + i] = 1;
      change[i * n + n - 1 - i] += 1;
      change[i * n + i] -= 1;
    }
    Ops tf = s.tf();
    return tf.math.add(TfPreprocessingLowering.matrix(s, identity, n, n), tf.math.mul(f,
        TfPreprocessingLowering.matrix(s, change, n, n)));
  }

  /**
   * Crop at the fed (top, left) of the image padded by p: output row i reads row {@code top + i − p}, none (a zero)
   * in the padding; columns likewise.
   */
  static <T extends TFloating> Operand<T> crop(TfScope<T> s, RandomCrop layer, Shape input, Operand<T> x,
      Operand<T> draws) {
    Ops tf = s.tf();
    Operand<T> pad = s.constant(layer.padding());
    Operand<T> rowStart = tf.math.sub(TfImageSampling.draw(s, draws, 0), pad);
    Operand<T> colStart = tf.math.sub(TfImageSampling.draw(s, draws, 1), pad);
    Operand<T> rows = TfImageSampling.oneHot(s, tf.math.add(TfImageSampling.indices(s, layer.height()), rowStart),
        input.dim(0));
    Operand<T> cols = TfImageSampling.oneHot(s, tf.math.add(TfImageSampling.indices(s, layer.width()), colStart),
        input.dim(1));
    return TfImageSampling.apply(s, x, input.dim(0), input.dim(1), input.dim(2), layer.height(), layer.width(), rows,
        cols);
  }

  /** The crop at inference: the layer's constant maps, its centred window resized to the output size. */
  static <T extends TFloating> Operand<T> cropInference(TfScope<T> s, RandomCrop layer, Shape input, Operand<T> x) {
    return TfPreprocessingLowering.separable(s, input, x, layer.inferenceRows(input), layer.height(),
        layer.inferenceColumns(input), layer.width());
  }

  /**
   * Translation by the fed fractions (a, b): output row i samples row coordinate {@code u = i − a·h} mapped by the
   * fill mode, then interpolated; columns likewise. With a constant fill, the weight a sample misses outside the
   * image is filled with the value: {@code + v·(1 − (R·1)(C·1)ᵀ)}.
   */
  static <T extends TFloating> Operand<T> translation(TfScope<T> s, RandomTranslation layer, Shape input,
      Operand<T> x, Operand<T> draws) {
    Ops tf = s.tf();
    int h = input.dim(0);
    int w = input.dim(1);
    Operand<T> rows = shiftMap(s, layer, h, TfImageSampling.draw(s, draws, 0));
    Operand<T> cols = shiftMap(s, layer, w, TfImageSampling.draw(s, draws, 1));
    Operand<T> y = TfImageSampling.apply(s, x, h, w, input.dim(2), h, w, rows, cols);
    if (layer.fillMode() != FillMode.CONSTANT) {
      return y;
    }
    Operand<T> rowWeight = tf.reshape(tf.sum(rows, s.ints(2)), s.ints(-1, h, 1, 1));
    Operand<T> colWeight = tf.reshape(tf.sum(cols, s.ints(2)), s.ints(-1, 1, w, 1));
    Operand<T> missing = tf.math.sub(s.constant(1), tf.math.mul(rowWeight, colWeight));
    return tf.math.add(y, tf.math.mul(missing, s.constant(layer.fillValue())));
  }

  /** {@code [batch, n, n]}: the map of a shift by {@code fraction·n} pixels. */
  private static <T extends TFloating> Operand<T> shiftMap(TfScope<T> s, RandomTranslation layer, int n,
      Operand<T> fraction) {
    Ops tf = s.tf();
    Operand<T> u = tf.math.sub(TfImageSampling.indices(s, n), tf.math.mul(fraction, s.constant(n)));
    u = fill(s, layer.fillMode(), u, n);
    if (layer.interpolation() == Interpolation.BILINEAR) {
      return TfImageSampling.bilinear(s, u, n);
    }
    // TF's Round rounds halves to even; the projective kernel rounds them away from zero.
    Operand<T> rounded = tf.math.mul(tf.math.sign(u), tf.math.floor(tf.math.add(tf.math.abs(u), s.constant(0.5))));
    return TfImageSampling.oneHot(s, rounded, n);
  }

  /** Maps coordinates into the image: reflect about the outer edges, or clamp; constant keeps them. */
  private static <T extends TFloating> Operand<T> fill(TfScope<T> s, FillMode mode, Operand<T> u, int n) {
    Ops tf = s.tf();
    if (mode == FillMode.CONSTANT) {
      return u;
    }
    if (mode == FillMode.REFLECT) {
      if (n == 1) {
        return tf.math.mul(u, s.constant(0));
      }
      Operand<T> period = s.constant(2.0 * n);
      Operand<T> folded = tf.math.floorMod(u, period);
      u = tf.select(tf.math.greaterEqual(folded, s.constant(n)), tf.math.sub(tf.math.sub(period, s.constant(1)),
          folded), folded);
    }
    return tf.math.minimum(tf.math.maximum(u, s.constant(0)), s.constant(n - 1));
  }

  /**
   * One factor f per image about each channel's mean: {@code clip((x − μ)·f + μ, low, high)}, μ the mean over height
   * and width. The clip is {@code Maximum}/{@code Minimum}, whose gradients pass where the bound does not bind.
   */
  static <T extends TFloating> Operand<T> contrast(TfScope<T> s, RandomContrast layer, Operand<T> x,
      Operand<T> draws) {
    Ops tf = s.tf();
    Operand<T> f = tf.reshape(draws, s.ints(-1, 1, 1, 1));
    Operand<T> mean = tf.math.mean(x, s.ints(1, 2), org.tensorflow.op.math.Mean.keepDims(true));
    Operand<T> z = tf.math.add(tf.math.mul(tf.math.sub(x, mean), f), mean);
    return tf.math.minimum(tf.math.maximum(z, s.constant(layer.valueLow())), s.constant(layer.valueHigh()));
  }
}
