package dev.layerwise.tf.lower;

import dev.layerwise.layers.Maxout;
import dev.layerwise.spi.LayerNode;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Maxout: {@code z = MatMul(x, kernel [in, units·k]) (+ BiasAdd)}, reshaped to {@code [rows, units, k]} (column
 * {@code j·k + p} is piece p of unit j, so each unit's pieces are adjacent), then {@code Max} over the last axis.
 * TF's {@code Max} gradient splits a unit's gradient evenly among pieces that tie exactly. An input of rank &gt; 1
 * per sample is folded to rows and unfolded afterwards, as in Dense.
 */
final class TfMaxoutLowering {
  private TfMaxoutLowering() {}

  static <T extends TFloating> Operand<T> lower(TfScope<T> s, Maxout layer, LayerNode node, Operand<T> x,
      Operand<T> kernel, Operand<T> bias) {
    Ops tf = s.tf();
    boolean folded = node.inputShape().rank() > 1;
    Operand<T> rows = folded ? tf.reshape(x, s.ints(-1, node.inputShape().last())) : x;
    Operand<T> z = tf.linalg.matMul(rows, kernel);
    if (bias != null) {
      z = tf.nn.biasAdd(z, bias);
    }
    Operand<T> pieces = tf.reshape(z, s.ints(-1, layer.units(), layer.pieces()));
    Operand<T> y = tf.reduceMax(pieces, s.ints(2));
    return folded ? tf.reshape(y, s.ints(TfScope.batchIntDims(node.outputShape()))) : y;
  }
}
