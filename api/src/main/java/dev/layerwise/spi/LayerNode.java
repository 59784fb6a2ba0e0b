package dev.layerwise.spi;

import dev.layerwise.Shape;
import dev.layerwise.layers.Layer;
import dev.layerwise.layers.WeightSpec;
import java.util.List;

/**
 * One named layer placed in a model, with the per-sample shapes it maps between and the weights it owns.
 * A weight's full name is {@code <layer name>/<weight name>} ({@code dense_1/kernel}).
 */
public record LayerNode(String name, Layer layer, Shape inputShape, Shape outputShape, List<WeightSpec> weights) {
  public LayerNode {
    weights = List.copyOf(weights);
  }

  public String weightName(WeightSpec weight) {
    return name + "/" + weight.name();
  }

  public String weightName(String shortName) {
    return name + "/" + shortName;
  }

  public long parameterCount() {
    return weights.stream().mapToLong(w -> w.shape().size()).sum();
  }
}
