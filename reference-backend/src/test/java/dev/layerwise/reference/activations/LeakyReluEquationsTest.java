package dev.layerwise.reference.activations;

import static dev.layerwise.reference.RefGradientCheck.assertAllClose;
import static dev.layerwise.reference.RefGradientCheck.awayFromZero;
import static dev.layerwise.reference.RefGradientCheck.checkLayer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LeakyReluEquationsTest {

  @Test
  void forwardValues() {
    assertArrayEquals(new double[] {-2 * 0.3, -0.5 * 0.3, 0, 0.5, 3},
        new LeakyReluEquations(0.3).forward(Map.of(), new double[] {-2, -0.5, 0, 0.5, 3}, false).y());
  }

  @Test
  void gradientAwayFromTheKink() {
    checkLayer("LeakyReLU", new LeakyReluEquations(0.2), Map.of(), awayFromZero(new Random(21), 30, 0.1, 2), 22);
  }

  @Test
  void derivativeAtZeroIsAlphaAsInTf() {
    var eq = new LeakyReluEquations(0.25);
    var fwd = eq.forward(Map.of(), new double[] {0, -0.0, 1e-300, -1e-300}, true);
    var dx = eq.backward(Map.of(), fwd.saved(), new double[] {8, 8, 8, 8}, true).dx();
    assertArrayEquals(new double[] {0.25 * 8, 0.25 * 8, 8, 0.25 * 8}, dx);
  }

  @Test
  void alphaZeroIsRelu() {
    double[] x = awayFromZero(new Random(23), 10, 0, 2);
    // equal as numbers (α·x gives −0.0 where ReLU gives 0.0)
    assertAllClose("α = 0", new ReluEquations().forward(Map.of(), x, false).y(),
        new LeakyReluEquations(0).forward(Map.of(), x, false).y(), 0, 0);
  }

  @Test
  void refusesNegativeSlopes() {
    assertThrows(IllegalArgumentException.class, () -> new LeakyReluEquations(-0.1));
  }
}
