package dev.layerwise.reference.activations;

import static dev.layerwise.reference.RefGradientCheck.checkLayer;
import static dev.layerwise.reference.RefGradientCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SigmoidEquationsTest {

  @Test
  void forwardValues() {
    double[] y = new SigmoidEquations().forward(Map.of(), new double[] {0, 2, -2}, false).y();
    assertEquals(0.5, y[0]);
    assertEquals(1 / (1 + Math.exp(-2)), y[1], 1e-16);
    assertEquals(1 / (1 + Math.exp(2)), y[2], 1e-17);
  }

  @Test
  void gradient() {
    checkLayer("sigmoid", new SigmoidEquations(), Map.of(), uniform(new Random(7), 30, -3, 3), 8);
  }

  @Test
  void saturatesWithoutOverflow() {
    double[] y = new SigmoidEquations().forward(Map.of(), new double[] {-1000, 1000, -40}, false).y();
    assertArrayEquals(new double[] {0, 1, Math.exp(-40) / (1 + Math.exp(-40))}, y);
  }
}
