package dev.layerwise.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.reference.activations.ReluEquations;
import dev.layerwise.reference.layers.RefLayerEquations.Mode;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The switchboard plants one fault at a time, the guarded site follows it, and closing restores the equation. */
class PlantedFaultTest {

  @Test
  void nothingIsPlantedByDefault() {
    assertEquals(Set.of(), PlantedFault.planted());
  }

  @Test
  void aPlantedFaultChangesItsSiteUntilClosed() {
    ReluEquations relu = new ReluEquations();
    double[] x = {-1, 2};
    double[] dy = {1, 1};
    var fwd = relu.forward(Map.of(), x, Mode.TRAINING);
    try (PlantedFault.Planting p = PlantedFault.plant(PlantedFault.RELU_GRADIENT_WRONG_SIDE)) {
      assertTrue(PlantedFault.RELU_GRADIENT_WRONG_SIDE.isPlanted());
      assertFalse(PlantedFault.MISSING_MEAN.isPlanted());
      assertEquals(Set.of(PlantedFault.RELU_GRADIENT_WRONG_SIDE), PlantedFault.planted());
      assertArrayEquals(new double[] {1, 0}, relu.backward(Map.of(), fwd.saved(), dy, true).dx());
    }
    assertFalse(PlantedFault.RELU_GRADIENT_WRONG_SIDE.isPlanted());
    assertArrayEquals(new double[] {0, 1}, relu.backward(Map.of(), fwd.saved(), dy, true).dx());
  }

  @Test
  void plantingTwiceIsRefusedAndClosingTwiceIsHarmless() {
    PlantedFault.Planting p = PlantedFault.plant(PlantedFault.MISSING_MEAN);
    try {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> PlantedFault.plant(PlantedFault.MISSING_MEAN));
      assertTrue(e.getMessage().contains("MISSING_MEAN is planted already"), e.getMessage());
    } finally {
      p.close();
    }
    p.close();
    assertFalse(PlantedFault.MISSING_MEAN.isPlanted());
  }

  @Test
  void everyFaultDescribesItsWrongEquation() {
    for (PlantedFault f : PlantedFault.values()) {
      assertFalse(f.description().isBlank(), f + " has no description");
    }
  }

  private static void assertArrayEquals(double[] expected, double[] actual) {
    org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, 0.0);
  }
}
