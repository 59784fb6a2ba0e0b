package dev.layerwise.tf.lower;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceMax;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.family.TFloating;

/** Softmax over any axis, and its hard, inference-only limit. */
final class TfSoftmaxLowering {
  private TfSoftmaxLowering() {}

  /**
   * {@code Softmax} for the last axis; for another axis {@code e^(x − m) / Σ e^(x − m)} from primitives, m the
   * maximum along the axis behind a {@code StopGradient} (the output does not depend on m, so its true gradient
   * is zero; stopping it just spares TF differentiating the max).
   *
   * @param axis the axis of the batched tensor (1 = the first per-sample axis)
   * @param rank the rank of the batched tensor
   */
  static <T extends TFloating> Operand<T> softmax(TfScope<T> s, int axis, int rank, Operand<T> x) {
    Ops tf = s.tf();
    if (axis == rank - 1) {
      return tf.nn.softmax(x);
    }
    Operand<T> max = tf.stopGradient(tf.reduceMax(x, s.ints(axis), ReduceMax.keepDims(true)));
    Operand<T> e = tf.math.exp(tf.math.sub(x, max));
    return tf.math.div(e, tf.reduceSum(e, s.ints(axis), ReduceSum.keepDims(true)));
  }

  /**
   * {@code OneHot(ArgMax(x, −1))}: 1 at the first largest value along the last axis ({@code ArgMax} returns the
   * lowest index on ties), 0 elsewhere. {@code ArgMax} has no gradient, which is why models containing this
   * layer are refused for training before any gradient is built.
   */
  static <T extends TFloating> Operand<T> hardmax(TfScope<T> s, int classes, Operand<T> x) {
    Ops tf = s.tf();
    return tf.oneHot(tf.math.argMax(x, tf.constant(-1)), tf.constant(classes), s.constant(1), s.constant(0));
  }
}
