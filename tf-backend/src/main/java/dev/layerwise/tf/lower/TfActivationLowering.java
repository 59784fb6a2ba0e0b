package dev.layerwise.tf.lower;

import dev.layerwise.layers.ActivationFn;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/** Parameter-free activations, each one TF op ({@code Relu}, {@code Sigmoid}, {@code Tanh}, {@code Softmax}). */
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
    };
  }
}
