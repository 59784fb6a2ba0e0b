package dev.layerwise.tf.lower;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Inverted dropout in training mode: {@code y = x · mask · (1/(1 − rate))}, the 0/1 mask fed from Java (drawn
 * by the api's {@code DropoutMasks}), so no TF random op is involved and both backends drop the same units. The
 * gradient is {@code dy · mask · (1/(1 − rate))}. Inference mode is the identity and needs no mask.
 */
final class TfDropoutLowering {
  private TfDropoutLowering() {}

  static <T extends TFloating> Operand<T> lower(TfScope<T> s, double rate, Operand<T> x, Operand<T> mask) {
    Ops tf = s.tf();
    return tf.math.mul(tf.math.mul(x, mask), s.constant(1 / (1 - rate)));
  }
}
