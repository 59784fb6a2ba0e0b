package dev.layerwise.reference.activations;

import static dev.layerwise.reference.RefGradientCheck.assertAllClose;
import static dev.layerwise.reference.RefGradientCheck.awayFromZero;
import static dev.layerwise.reference.RefGradientCheck.checkLayer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EluEquationsTest {

  @Test
  void forwardValues() {
    double a = 0.7;
    double[] y = new EluEquations(a).forward(Map.of(), new double[] {-3, -0.5, 0, 0.5, 2}, false).y();
    assertAllClose("elu", new double[] {a * (Math.exp(-3) - 1), a * (Math.exp(-0.5) - 1), 0, 0.5, 2}, y, 0, 1e-15);
  }

  @Test
  void smallNegativeInputsKeepTheirDigits() {
    // α(e^x − 1) with x = −1e-12 is −α·1e-12·(1 − 5e-13): exp(x) − 1 would lose about four digits
    double y = new EluEquations(1).forward(Map.of(), new double[] {-1e-12}, false).y()[0];
    assertAllClose("elu(−1e-12)", new double[] {-1e-12 + 0.5e-24}, new double[] {y}, 0, 1e-15);
  }

  @Test
  void gradientAwayFromTheKink() {
    checkLayer("ELU α=1", new EluEquations(1), Map.of(), awayFromZero(new Random(31), 30, 0.1, 3), 32);
    checkLayer("ELU α=0.4", new EluEquations(0.4), Map.of(), awayFromZero(new Random(33), 30, 0.1, 3), 34);
  }

  @Test
  void derivativeAtZeroIsAlpha() {
    var eq = new EluEquations(0.5);
    var fwd = eq.forward(Map.of(), new double[] {0, -0.0, 1e-300}, true);
    assertArrayEquals(new double[] {0.5 * 4, 0.5 * 4, 4},
        eq.backward(Map.of(), fwd.saved(), new double[] {4, 4, 4}, true).dx());
  }
}
