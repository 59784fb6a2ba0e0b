package dev.layerwise.tf.lower;

import dev.layerwise.layers.ActivationFn;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Parameter-free activations: one TF op each ({@code Relu}, {@code Sigmoid}, {@code Tanh}, {@code Softmax},
 * {@code Selu}), except ELU, which is {@link TfRectifierLowering#elu} with α = 1.
 *
 * <p>Conventions at 0 (from TF's gradient kernels): Relu′(0) = 0; Selu′(0) = λ ({@code SeluGrad} tests
 * {@code y < 0}); ELU′(0) = α = 1.
 */
final class TfActivationLowering {
  private TfActivationLowering() {}

  static <T extends TFloating> Operand<T> lower(TfScope<T> s, ActivationFn fn, Operand<T> x) {
    Ops tf = s.tf();
    return switch (fn) {
      case LINEAR -> tf.identity(x);
      case RELU -> tf.nn.relu(x);
      case SIGMOID -> tf.math.sigmoid(x);
      case TANH -> tf.math.tanh(x);
      case SOFTMAX -> tf.nn.softmax(x); // over the last axis
      case ELU -> TfRectifierLowering.elu(s, 1.0, x);
      case SELU -> tf.nn.selu(x);
    };
  }
}
