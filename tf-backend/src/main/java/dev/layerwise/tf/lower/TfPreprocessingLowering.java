package dev.layerwise.tf.lower;

import dev.layerwise.Shape;
import dev.layerwise.layers.Normalization;
import java.util.Arrays;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * The preprocessing layers, from primitives whose gradients TF registers ({@code Mul}, {@code Sub},
 * {@code RealDiv}), so an input gradient flows through them wherever they sit.
 */
final class TfPreprocessingLowering {
  private TfPreprocessingLowering() {}

  /** {@code x·scale + offset}. */
  static <T extends TFloating> Operand<T> rescaling(TfScope<T> s, double scale, double offset, Operand<T> x) {
    Operand<T> y = s.tf().math.mul(x, s.constant(scale));
    return offset == 0 ? y : s.tf().math.add(y, s.constant(offset));
  }

  /**
   * {@code (x − mean) / max(√variance, ε)}, or {@code x − mean} without a variance; the {@code [d]} statistics are
   * reshaped to broadcast along the layer's axis ({@code [1, …, d, …, 1]}, batch included), a no-op for the last.
   */
  static <T extends TFloating> Operand<T> normalization(TfScope<T> s, Normalization layer, Shape input,
      Operand<T> x, Operand<T> mean, Operand<T> variance) {
    Ops tf = s.tf();
    int axis = layer.resolvedAxis(input);
    int[] dims = new int[input.rank() + 1];
    Arrays.fill(dims, 1);
    dims[axis + 1] = input.dim(axis);
    boolean last = axis == input.rank() - 1;
    Operand<T> centred = tf.math.sub(x, last ? mean : tf.reshape(mean, s.ints(dims)));
    if (variance == null) {
      return centred;
    }
    Operand<T> divisor = tf.math.maximum(tf.math.sqrt(last ? variance : tf.reshape(variance, s.ints(dims))),
        s.constant(Normalization.EPSILON));
    return tf.math.div(centred, divisor);
  }
}
