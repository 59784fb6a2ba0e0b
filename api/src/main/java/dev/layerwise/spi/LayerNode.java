package dev.layerwise.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;
import dev.layerwise.layers.Layer;
import dev.layerwise.layers.WeightSpec;
import java.util.List;

/**
 * One application of a layer in a model: the layer, the nodes whose outputs it takes, the per-sample shapes it maps
 * between and the weights it uses. A weight's full name is {@code <owner>/<weight name>} ({@code dense_1/kernel}).
 *
 * @param name the node's name, unique in the model: the layer's name for its first application ({@code dense}),
 *     {@code <layer>/call_<k>} for its k-th further one (a shared layer), and for a desugared activation
 *     {@code dense_relu} or {@code dense/call_1_relu}
 * @param inbound the names of the nodes whose outputs it takes, in argument order; empty for an {@code Input} node
 * @param inputShapes the shapes of those outputs, in the same order
 * @param weights the weights the layer owns, by short name; a shared layer's applications all list the same ones
 * @param owner the node whose weights these are: {@code name} itself, except for the further applications of a
 *     shared layer, whose owner is the first application
 */
public record LayerNode(String name, Layer layer, List<String> inbound, List<Shape> inputShapes, Shape outputShape,
    List<WeightSpec> weights, String owner) {
  public LayerNode {
    requireNonNull(name, "name");
    requireNonNull(layer, "layer");
    requireNonNull(outputShape, "outputShape");
    requireNonNull(owner, "owner");
    inbound = List.copyOf(inbound);
    inputShapes = List.copyOf(inputShapes);
    weights = List.copyOf(weights);
    checkArgument(inbound.size() == inputShapes.size(), "node '%s': %s inbound nodes but %s input shapes", name,
        inbound.size(), inputShapes.size());
  }

  /**
   * The shape of the one tensor the node takes; for an {@code Input} node, which takes none, its own shape (what
   * enters the model there).
   *
   * @throws IllegalStateException for a node that takes several tensors (a merge)
   */
  public Shape inputShape() {
    if (inputShapes.isEmpty()) {
      return outputShape;
    }
    if (inputShapes.size() > 1) {
      throw new IllegalStateException(String.format("%s (node '%s') takes %s tensors, not one; use inputShapes()",
          layer.describe(), name, inputShapes.size()));
    }
    return inputShapes.get(0);
  }

  /** Whether this node is the first application of its layer, the one its weights are named after. */
  public boolean ownsWeights() {
    return name.equals(owner);
  }

  public String weightName(WeightSpec weight) {
    return owner + "/" + weight.name();
  }

  public String weightName(String shortName) {
    return owner + "/" + shortName;
  }

  /** The parameters of the layer applied (the same for every application of a shared layer). */
  public long parameterCount() {
    return weights.stream().mapToLong(w -> w.shape().size()).sum();
  }
}
