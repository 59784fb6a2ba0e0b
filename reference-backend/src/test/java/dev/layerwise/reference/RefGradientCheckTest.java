package dev.layerwise.reference;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.reference.activations.TanhEquations;
import dev.layerwise.reference.layers.RefLayerEquations;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The harness must be able to fail: a wrong derivative is caught, with the element named. */
class RefGradientCheckTest {

  /** tanh with the classic slip dx = dy·(1 − y) instead of dy·(1 − y²). */
  private static final class WrongTanh implements RefLayerEquations<double[]> {
    @Override
    public Forward<double[]> forward(Map<String, double[]> params, double[] x, Mode mode) {
      double[] y = new TanhEquations().forward(params, x, mode).y();
      return new Forward<>(y, y);
    }

    @Override
    public Backward backward(Map<String, double[]> params, double[] y, double[] dy, boolean needDx) {
      double[] dx = new double[dy.length];
      for (int i = 0; i < dx.length; i++) {
        dx[i] = dy[i] * (1 - y[i]);
      }
      return new Backward(needDx ? dx : null, Map.of());
    }
  }

  @Test
  void catchesAWrongDerivative() {
    double[] x = RefGradientCheck.uniform(new Random(1), 12, -2, 2);
    AssertionError e = assertThrows(AssertionError.class,
        () -> RefGradientCheck.checkLayer("wrong tanh", new WrongTanh(), Map.of(), x, 2));
    assertTrue(e.getMessage().startsWith("wrong tanh dx: element "), e.getMessage());
  }

  @Test
  void catchesNaN() {
    assertThrows(AssertionError.class,
        () -> RefGradientCheck.assertAllClose("nan", new double[] {1}, new double[] {Double.NaN}, 1, 1));
  }
}
