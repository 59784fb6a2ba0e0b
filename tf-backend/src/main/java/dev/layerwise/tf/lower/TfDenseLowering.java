package dev.layerwise.tf.lower;

import dev.layerwise.spi.LayerNode;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Dense: {@code MatMul(x [n, in], kernel [in, units])}, then {@code BiasAdd(bias [units])}. An input of rank > 2
 * is folded to {@code [-1, in]} and unfolded afterwards, so the map acts on the last axis as Keras's does.
 */
final class TfDenseLowering {
  private TfDenseLowering() {}

  static <T extends TFloating> Operand<T> lower(
      TfScope<T> s, LayerNode node, Operand<T> x, Operand<T> kernel, Operand<T> bias) {
    Ops tf = s.tf();
    boolean folded = node.inputShape().rank() > 1;
    Operand<T> rows = folded ? tf.reshape(x, s.ints(-1, node.inputShape().last())) : x;
    Operand<T> y = tf.linalg.matMul(rows, kernel);
    if (bias != null) {
      y = tf.nn.biasAdd(y, bias);
    }
    if (folded) {
      long[] dims = TfScope.batchDims(node.outputShape());
      int[] shape = new int[dims.length];
      for (int i = 0; i < dims.length; i++) {
        shape[i] = (int) dims[i];
      }
      y = tf.reshape(y, s.ints(shape));
    }
    return y;
  }
}
