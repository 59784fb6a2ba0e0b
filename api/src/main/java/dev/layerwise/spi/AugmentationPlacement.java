package dev.layerwise.spi;

import dev.layerwise.layers.Augmentation;
import dev.layerwise.layers.Layer;
import dev.layerwise.layers.WeightSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Refuses an augmentation layer no gradient can pass through ({@link Augmentation#gradientFlows()} false) where a
 * gradient would have to: after a layer with trainable weights. Before every trainable layer nothing needs its
 * gradient, so it may augment there. Checked when a model is built, before any backend sees it.
 */
final class AugmentationPlacement {
  private AugmentationPlacement() {}

  /** @param nodes the model's core nodes in topological order */
  static void check(String model, List<LayerNode> nodes) {
    check(model, nodes, layer -> layer instanceof Augmentation a && !a.gradientFlows());
  }

  /**
   * The check with the rule for which layers pass no gradient given, so the placement logic can be tested before any
   * augmentation layer needs it.
   */
  static void check(String model, List<LayerNode> nodes, Predicate<Layer> blocksGradient) {
    Map<String, String> trainableBefore = new HashMap<>(); // node → a trainable layer at or before it, if any
    for (LayerNode node : nodes) {
      String before = null;
      for (String in : node.inbound()) {
        before = before != null ? before : trainableBefore.get(in);
      }
      if (blocksGradient.test(node.layer()) && before != null) {
        throw new IllegalArgumentException(String.format("model '%s': %s follows %s, which has trainable weights, so"
            + " training would need a gradient through it, and its transformation has none on every backend; put"
            + " it before every trainable layer (augment the input)", model, node.layer().describe(), before));
      }
      if (before == null && node.inputShapes().size() <= 1
          && node.layer().weights(node.inputShape()).stream().anyMatch(WeightSpec::trainable)) {
        before = node.layer().describe();
      }
      if (before != null) {
        trainableBefore.put(node.name(), before);
      }
    }
  }
}
