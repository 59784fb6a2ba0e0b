package dev.layerwise.spi;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Sequential;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.FlipMode;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Layer;
import dev.layerwise.layers.RandomFlip;
import dev.layerwise.layers.Rescaling;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Where an augmentation without a gradient may sit: before every trainable layer, not after one. Every augmentation
 * so far passes a gradient, so the rule is exercised here with RandomFlip standing in for one that does not.
 */
class AugmentationPlacementTest {
  private static final Predicate<Layer> FLIP_BLOCKS = layer -> layer instanceof RandomFlip;

  @Test
  void beforeEveryTrainableLayerItIsAllowed() {
    ModelSpec spec = Sequential.of(Input.shape(5, 5, 1), Rescaling.of(0.5), RandomFlip.of(FlipMode.HORIZONTAL),
        Conv2D.of(2, 3), Flatten.create(), Dense.units(2)).spec();
    assertDoesNotThrow(() -> AugmentationPlacement.check(spec.name(), spec.nodes(), FLIP_BLOCKS));
  }

  @Test
  void afterATrainableLayerItIsRefusedNamingBoth() {
    ModelSpec spec = Sequential.of(Input.shape(5, 5, 1), Conv2D.of(2, 3), RandomFlip.of(FlipMode.HORIZONTAL),
        Flatten.create(), Dense.units(2)).spec();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AugmentationPlacement.check(spec.name(), spec.nodes(), FLIP_BLOCKS));
    assertTrue(e.getMessage().startsWith("model 'sequential': RandomFlip 'random_flip' follows Conv2D 'conv2d', which"
        + " has trainable weights"), e.getMessage());
  }

  @Test
  void theRuleOfTheLayersThemselvesPassesEveryCurrentAugmentation() {
    ModelSpec spec = Sequential.of(Input.shape(5, 5, 1), Conv2D.of(2, 3), RandomFlip.of(FlipMode.HORIZONTAL),
        Flatten.create(), Dense.units(2)).spec(); // built, so ModelSpec's own check let it through
    assertTrue(spec.nodes().stream().anyMatch(n -> n.layer() instanceof RandomFlip));
  }
}
