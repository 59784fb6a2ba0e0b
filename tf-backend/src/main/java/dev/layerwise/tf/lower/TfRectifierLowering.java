package dev.layerwise.tf.lower;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TBool;
import org.tensorflow.types.family.TFloating;

/**
 * The piecewise activations with a slope parameter: LeakyReLU, PReLU and ELU. Each is {@code x} for x &gt; 0 and
 * a negative branch otherwise, written as {@code select(x > 0, x, negative(x))}: {@code SelectV2}'s gradient
 * routes each element's gradient to the branch it took, so at exactly 0 the negative branch's derivative (α)
 * applies, the api's convention for all three.
 */
final class TfRectifierLowering {
  private TfRectifierLowering() {}

  private static <T extends TFloating> Operand<TBool> positive(TfScope<T> s, Operand<T> x) {
    return s.tf().math.greater(x, s.constant(0));
  }

  /**
   * {@code LeakyRelu} in float32 (one fused op; its gradient is α at 0). Its α is a float32 attribute, so a
   * float64 graph would compute with α rounded to float32; there the select form keeps α in double.
   */
  static <T extends TFloating> Operand<T> leakyRelu(TfScope<T> s, double alpha, Operand<T> x) {
    Ops tf = s.tf();
    if (!s.isDouble()) {
      return tf.nn.leakyRelu(x, LeakyRelu.alpha((float) alpha));
    }
    return tf.select(positive(s, x), x, tf.math.mul(s.constant(alpha), x));
  }

  /** {@code select(x > 0, x, α·x)}, α a variable broadcasting against the sample shape from the right. */
  static <T extends TFloating> Operand<T> prelu(TfScope<T> s, Operand<T> alpha, Operand<T> x) {
    Ops tf = s.tf();
    return tf.select(positive(s, x), x, tf.math.mul(alpha, x));
  }

  /**
   * {@code select(x > 0, x, α·expm1(min(x, 0)))}. The min keeps the unused branch finite for large x (e^x would
   * overflow to ∞ and its zero-weighted gradient to NaN); expm1 keeps precision near 0. At 0 the negative branch
   * is taken, and {@code Minimum}'s tie passes the gradient to x, so f′(0) = α·e⁰ = α.
   */
  static <T extends TFloating> Operand<T> elu(TfScope<T> s, double alpha, Operand<T> x) {
    Ops tf = s.tf();
    Operand<T> negative = tf.math.expm1(tf.math.minimum(x, s.constant(0)));
    if (alpha != 1.0) {
      negative = tf.math.mul(s.constant(alpha), negative);
    }
    return tf.select(positive(s, x), x, negative);
  }
}
