package dev.layerwise.tf.lower;

import dev.layerwise.Shape;
import dev.layerwise.layers.FillMode;
import dev.layerwise.layers.Interpolation;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.ImageProjectiveTransformV3;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * {@code RandomRotation} and {@code RandomZoom} in training: each sample's eight-number transform built in the graph
 * from its fed draws (the api's {@code WarpTransforms}, one row per sample), then TF's
 * {@code ImageProjectiveTransformV3}, which reads transforms as float32 whatever the image type. The op has no
 * registered gradient; the api allows these layers only before every trainable layer, so no op of theirs lies
 * between the trainable variables and the loss and {@code addGradients} never asks for one.
 */
final class TfWarpLowering {
  private TfWarpLowering() {}

  /**
   * A rotation by {@code θ = 2π·f} about {@code (cx, cy)}:
   * {@code [cos θ, −sin θ, cx − cx·cos θ + cy·sin θ, sin θ, cos θ, cy − cx·sin θ − cy·cos θ, 0, 0]}.
   *
   * @param turns the draws f, {@code [n, 1]}
   */
  static <T extends TFloating> Operand<T> rotation(TfScope<T> s, Shape input, Operand<T> x, Operand<T> turns,
      Interpolation interpolation, FillMode fillMode, double fillValue) {
    Ops tf = s.tf();
    double cx = (input.dim(1) - 1) / 2.0;
    double cy = (input.dim(0) - 1) / 2.0;
    Operand<T> theta = tf.math.mul(turns, s.constant(2 * Math.PI));
    Operand<T> cos = tf.math.cos(theta);
    Operand<T> sin = tf.math.sin(theta);
    Operand<T> zero = tf.zerosLike(theta);
    Operand<T> a2 = tf.math.add(tf.math.sub(s.constant(cx), tf.math.mul(s.constant(cx), cos)),
        tf.math.mul(s.constant(cy), sin));
    Operand<T> b2 = tf.math.sub(tf.math.sub(s.constant(cy), tf.math.mul(s.constant(cx), sin)),
        tf.math.mul(s.constant(cy), cos));
    Operand<T> transforms = tf.concat(List.of(cos, tf.math.neg(sin), a2, sin, cos, b2, zero, zero), tf.constant(1));
    return warp(s, input, x, transforms, interpolation, fillMode, fillValue);
  }

  /**
   * A zoom about {@code (cx, cy)}: {@code [zx, 0, cx·(1 − zx), 0, zy, cy·(1 − zy), 0, 0]}.
   *
   * @param zooms the draws {@code (zy, zx)}, {@code [n, 2]}
   */
  static <T extends TFloating> Operand<T> zoom(TfScope<T> s, Shape input, Operand<T> x, Operand<T> zooms,
      Interpolation interpolation, FillMode fillMode, double fillValue) {
    Ops tf = s.tf();
    double cx = (input.dim(1) - 1) / 2.0;
    double cy = (input.dim(0) - 1) / 2.0;
    Operand<T> zy = tf.slice(zooms, s.ints(0, 0), s.ints(-1, 1));
    Operand<T> zx = tf.slice(zooms, s.ints(0, 1), s.ints(-1, 1));
    Operand<T> zero = tf.zerosLike(zy);
    Operand<T> a2 = tf.math.mul(s.constant(cx), tf.math.sub(s.constant(1), zx));
    Operand<T> b2 = tf.math.mul(s.constant(cy), tf.math.sub(s.constant(1), zy));
    Operand<T> transforms = tf.concat(List.of(zx, zero, a2, zero, zy, b2, zero, zero), tf.constant(1));
    return warp(s, input, x, transforms, interpolation, fillMode, fillValue);
  }

  private static <T extends TFloating> Operand<T> warp(TfScope<T> s, Shape input, Operand<T> x,
      Operand<T> transforms, Interpolation interpolation, FillMode fillMode, double fillValue) {
    Ops tf = s.tf();
    return tf.image.imageProjectiveTransformV3(x, tf.dtypes.cast(transforms, TFloat32.class),
        s.ints(input.dim(0), input.dim(1)), tf.constant((float) fillValue), interpolation.name(),
        ImageProjectiveTransformV3.fillMode(fillMode.name()));
  }
}
