package dev.layerwise.spi;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.layers.Augmentation;
import dev.layerwise.layers.Dropout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything random in a training pass, drawn in Java per step and fed by node name: the masks of
 * {@code Dropout} nodes ({@link DropoutMasks}, unchanged) and the parameters of {@link Augmentation} nodes, k per
 * sample ({@code [batch, k]}). Each node's stream is derived from the step's seed and the node's name, so draws do not
 * depend on which other random layers the model has, both backends receive the same values, and a resumed fit draws
 * what an uninterrupted one would. Backends size each node's feed by {@link #sampleShape}.
 */
public final class RandomDraws {
  private final DropoutMasks masks;
  private final List<LayerNode> augmentations;

  public RandomDraws(ModelSpec spec) {
    this.masks = new DropoutMasks(spec);
    this.augmentations = spec.nodes().stream().filter(n -> n.layer() instanceof Augmentation).toList();
  }

  /** Whether the model draws anything in a training pass. */
  public boolean any() {
    return masks.any() || !augmentations.isEmpty();
  }

  /**
   * The per-sample shape of what a node draws in a training pass: a dropout node's input shape, an augmentation
   * node's {@code [k]}; {@code null} for a node that draws nothing.
   */
  public static Shape sampleShape(LayerNode node) {
    if (node.layer() instanceof Dropout) {
      return node.inputShape();
    }
    if (node.layer() instanceof Augmentation a) {
      return Shape.of(a.drawsPerSample());
    }
    return null;
  }

  /** The draws of every random node for a batch of {@code batchSize} samples, by node name. */
  public Map<String, float[]> draw(int batchSize, long seed) {
    Map<String, float[]> out = new LinkedHashMap<>(masks.draw(batchSize, seed));
    for (LayerNode node : augmentations) {
      Augmentation layer = (Augmentation) node.layer();
      SeededRandom random = new SeededRandom(SeededRandom.derive(seed, node.name()));
      int k = layer.drawsPerSample();
      float[] d = new float[batchSize * k];
      for (int i = 0; i < batchSize; i++) {
        layer.draw(random, node.inputShape(), d, i * k);
      }
      out.put(node.name(), d);
    }
    return out;
  }

  /**
   * Checks draws given for a node (by a user, for {@code n} samples): a dropout mask holds 0s and 1s, an
   * augmentation's parameters are ones {@link Augmentation#draw} could give.
   */
  public static void check(LayerNode node, float[] values, int n, String what) {
    Shape sample = sampleShape(node);
    checkArgument(sample != null, "%s: %s draws nothing at random", what, node.layer().describe());
    checkArgument(values.length >= n * sample.size(), "%s: %s needs %s values (%s samples of %s), got %s", what,
        node.layer().describe(), n * sample.size(), n, sample, values.length);
    if (node.layer() instanceof Augmentation a) {
      for (int i = 0; i < n; i++) {
        a.checkDraw(node.inputShape(), values, i * sample.size());
      }
    } else {
      for (int i = 0; i < n * sample.size(); i++) {
        checkArgument(values[i] == 0 || values[i] == 1, "%s: a dropout mask holds 1 (keep) or 0 (drop), but the"
            + " mask of '%s' holds %s at flat index %s", what, node.name(), values[i], i);
      }
    }
  }
}
