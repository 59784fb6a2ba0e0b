package dev.layerwise.reference.activations;

import static dev.layerwise.reference.RefGradientCheck.assertAllClose;
import static dev.layerwise.reference.RefGradientCheck.awayFromZero;
import static dev.layerwise.reference.RefGradientCheck.checkLayer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.layerwise.layers.ActivationFn;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeluEquationsTest {
  private static final double LAMBDA = 1.0507009873554804934193349852946;
  private static final double ALPHA = 1.6732632423543772848170429916717;

  @Test
  void constantsAreKlambauers() {
    assertArrayEquals(new double[] {LAMBDA, ALPHA}, new double[] {ActivationFn.SELU_SCALE, ActivationFn.SELU_ALPHA});
  }

  @Test
  void forwardValues() {
    double[] y = new SeluEquations().forward(Map.of(), new double[] {-2, -0.25, 0, 0.25, 2}, false).y();
    assertAllClose("selu", new double[] {LAMBDA * ALPHA * (Math.exp(-2) - 1), LAMBDA * ALPHA * (Math.exp(-0.25) - 1),
        0, LAMBDA * 0.25, LAMBDA * 2}, y, 0, 1e-15);
  }

  @Test
  void gradientAwayFromTheKink() {
    checkLayer("SELU", new SeluEquations(), Map.of(), awayFromZero(new Random(41), 30, 0.1, 3), 42);
  }

  @Test
  void derivativeAtZeroIsLambdaAsTfSeluGrad() {
    // TF's SeluGrad tests the output y < 0; y(0) = 0, so 0 takes the positive branch λ (unlike ELU's α)
    var eq = new SeluEquations();
    var fwd = eq.forward(Map.of(), new double[] {0, -0.0, -1e-300}, true);
    double[] dx = eq.backward(Map.of(), fwd.saved(), new double[] {2, 2, 2}, true).dx();
    assertAllClose("selu′ at 0, −0, −1e-300", new double[] {2 * LAMBDA, 2 * LAMBDA, 2 * LAMBDA * ALPHA}, dx, 0,
        1e-15);
  }
}
