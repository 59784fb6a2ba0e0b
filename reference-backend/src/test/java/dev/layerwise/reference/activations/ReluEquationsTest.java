package dev.layerwise.reference.activations;

import static dev.layerwise.reference.RefGradientCheck.awayFromZero;
import static dev.layerwise.reference.RefGradientCheck.checkLayer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReluEquationsTest {

  @Test
  void forwardValues() {
    assertArrayEquals(new double[] {0, 0, 0, 0.5, 3},
        new ReluEquations().forward(Map.of(), new double[] {-2, -0.5, 0, 0.5, 3}, false).y());
  }

  @Test
  void gradientAwayFromTheKink() {
    // |x| ≥ 0.1, far beyond the FD step of 1e-5: no FD probe crosses 0
    checkLayer("ReLU", new ReluEquations(), Map.of(), awayFromZero(new Random(5), 30, 0.1, 2), 6);
  }

  @Test
  void derivativeAtZeroIsZeroAsInTf() {
    var eq = new ReluEquations();
    var fwd = eq.forward(Map.of(), new double[] {0, -0.0, 1e-300, -1e-300}, true);
    var dx = eq.backward(Map.of(), fwd.saved(), new double[] {7, 7, 7, 7}, true).dx();
    assertArrayEquals(new double[] {0, 0, 7, 0}, dx);
  }
}
