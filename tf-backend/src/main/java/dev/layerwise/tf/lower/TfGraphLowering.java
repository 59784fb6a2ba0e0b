package dev.layerwise.tf.lower;

import dev.layerwise.spi.LayerNode;
import dev.layerwise.spi.ModelSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * Lowers a model's graph of nodes into one TF graph: each node, in the spec's topological order, is lowered on the
 * tensors of the nodes it takes (kept by node name), so a tensor used twice feeds two ops and TF's
 * {@code addGradients} sums what flows back along both; a shared layer's applications read the same variables
 * (their weights are named after the layer's first application).
 */
public final class TfGraphLowering {
  private TfGraphLowering() {}

  /**
   * @param inputs one tensor per model input, in the spec's input order
   * @return one tensor per model output, in the spec's output order
   */
  public static <T extends TFloating> List<Operand<T>> lower(ModelSpec spec, TfLayerLowering<T> lowering,
      List<? extends Operand<T>> inputs, boolean training) {
    Map<String, Operand<T>> made = lowerAll(spec, lowering, inputs, training);
    List<Operand<T>> outputs = new ArrayList<>();
    spec.outputs().forEach(name -> outputs.add(made.get(name)));
    return outputs;
  }

  /**
   * Lowers every node, returning the tensor each outputs, by node name in node order (several names may share one
   * tensor: an inference-mode Dropout passes its input on).
   *
   * @param inputs one tensor per model input, in the spec's input order
   */
  public static <T extends TFloating> Map<String, Operand<T>> lowerAll(ModelSpec spec, TfLayerLowering<T> lowering,
      List<? extends Operand<T>> inputs, boolean training) {
    Map<String, Operand<T>> made = new LinkedHashMap<>();
    for (LayerNode node : spec.nodes()) {
      List<Operand<T>> xs = new ArrayList<>();
      if (node.inbound().isEmpty()) {
        xs.add(inputs.get(spec.inputs().indexOf(node.name())));
      }
      node.inbound().forEach(name -> xs.add(made.get(name)));
      // A frozen batch normalisation runs in inference mode in a training pass too (ModelSpec.trainingMode).
      made.put(node.name(), node.layer().accept(lowering, new TfLayerInput<>(node, xs,
          spec.trainingMode(node, training))));
    }
    return made;
  }
}
