package dev.layerwise.spi;

import dev.layerwise.init.SeededRandom;
import dev.layerwise.layers.Dropout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws the dropout masks of a training step in Java: for every {@code Dropout} node, one value per element of
 * its input, 1 with probability {@code 1 − rate} and 0 otherwise, from a stream derived from the step's seed and
 * the node's name. Both backends receive the same masks, so they drop the same units, and a run is reproducible
 * from its seed. The layer applies the {@code 1/(1 − rate)} scale itself.
 */
public final class DropoutMasks {
  private final List<LayerNode> dropoutNodes;

  public DropoutMasks(ModelSpec spec) {
    this.dropoutNodes = spec.nodes().stream().filter(n -> n.layer() instanceof Dropout).toList();
  }

  /** Whether the model has any dropout at all (if not, {@link #draw} returns an empty map). */
  public boolean any() {
    return !dropoutNodes.isEmpty();
  }

  /** The masks for a batch of {@code batchSize} samples. */
  public Map<String, float[]> draw(int batchSize, long seed) {
    if (dropoutNodes.isEmpty()) {
      return Map.of();
    }
    Map<String, float[]> masks = new LinkedHashMap<>();
    for (LayerNode node : dropoutNodes) {
      double keep = 1 - ((Dropout) node.layer()).rate();
      SeededRandom random = new SeededRandom(SeededRandom.derive(seed, node.name()));
      float[] m = new float[batchSize * node.inputShape().size()];
      for (int i = 0; i < m.length; i++) {
        m[i] = random.nextUniform() < keep ? 1f : 0f;
      }
      masks.put(node.name(), m);
    }
    return masks;
  }
}
