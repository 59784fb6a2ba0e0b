package dev.layerwise.tf.lower;

import dev.layerwise.layers.Conv2D;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Conv2D: {@code Conv2D(x NHWC, kernel HWIO, strides [1, sh, sw, 1], VALID|SAME)}, then {@code BiasAdd}. TF's
 * SAME pads ⌊p/2⌋ before and the rest after, the api's {@code Padding} rule.
 */
final class TfConvLowering {
  private TfConvLowering() {}

  static <T extends TFloating> Operand<T> lower(TfScope<T> s, Conv2D layer, Operand<T> x, Operand<T> kernel,
      Operand<T> bias) {
    Ops tf = s.tf();
    List<Long> strides = List.of(1L, (long) layer.strides().height(), (long) layer.strides().width(), 1L);
    Operand<T> y = tf.nn.conv2d(x, kernel, strides, layer.padding().name());
    return bias == null ? y : tf.nn.biasAdd(y, bias);
  }
}
