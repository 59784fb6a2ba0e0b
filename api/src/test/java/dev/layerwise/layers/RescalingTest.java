package dev.layerwise.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import org.junit.jupiter.api.Test;

class RescalingTest {
  @Test
  void keepsTheShapeAndOwnsNoWeights() {
    Rescaling r = Rescaling.of(1 / 255.0);
    assertEquals(Shape.of(28, 28, 1), r.outputShape(Shape.of(28, 28, 1)));
    assertTrue(r.weights(Shape.of(3)).isEmpty());
    assertEquals(0, r.offset());
    assertEquals("rescaling", r.namePrefix());
  }

  @Test
  void refusesNonFiniteFactors() {
    IllegalArgumentException scale = assertThrows(IllegalArgumentException.class,
        () -> Rescaling.of(Double.POSITIVE_INFINITY));
    assertTrue(scale.getMessage().contains("Rescaling: scale must be finite, got Infinity"), scale.getMessage());
    IllegalArgumentException offset = assertThrows(IllegalArgumentException.class,
        () -> Rescaling.of(1, Double.NaN).withName("r"));
    assertTrue(offset.getMessage().contains("offset must be finite, got NaN"), offset.getMessage());
  }
}
