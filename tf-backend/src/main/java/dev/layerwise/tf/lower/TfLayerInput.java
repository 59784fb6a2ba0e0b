package dev.layerwise.tf.lower;

import static com.google.common.base.Preconditions.checkState;

import dev.layerwise.spi.LayerNode;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * What lowering one layer starts from: the node (name, shapes, weights), its input tensors in argument order (each
 * {@code [batch, ...node.inputShapes()[i]]}; one for every layer but a merge) and whether the training-mode graph is
 * being built.
 */
public record TfLayerInput<T extends TFloating>(LayerNode node, List<Operand<T>> xs, boolean training) {
  public TfLayerInput {
    xs = List.copyOf(xs);
  }

  public TfLayerInput(LayerNode node, Operand<T> x, boolean training) {
    this(node, List.of(x), training);
  }

  /** The one input of a layer that takes one. */
  public Operand<T> x() {
    checkState(xs.size() == 1, "%s takes %s tensors, not one", node.layer().describe(), xs.size());
    return xs.get(0);
  }
}
