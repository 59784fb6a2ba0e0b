package dev.layerwise.reference.activations;

import static dev.layerwise.reference.RefGradientCheck.checkLayer;
import static dev.layerwise.reference.RefGradientCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TanhEquationsTest {

  @Test
  void forwardValues() {
    double[] y = new TanhEquations().forward(Map.of(), new double[] {0, 1, -1000}, false).y();
    assertEquals(0, y[0]);
    assertEquals((Math.E - 1 / Math.E) / (Math.E + 1 / Math.E), y[1], 1e-15);
    assertEquals(-1, y[2]);
  }

  @Test
  void gradient() {
    checkLayer("tanh", new TanhEquations(), Map.of(), uniform(new Random(9), 30, -3, 3), 10);
  }
}
