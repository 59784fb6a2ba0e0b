package dev.layerwise.reference.activations;

import static dev.layerwise.reference.RefGradientCheck.assertAllClose;
import static dev.layerwise.reference.RefGradientCheck.awayFromZero;
import static dev.layerwise.reference.RefGradientCheck.checkLayer;
import static dev.layerwise.reference.RefGradientCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.layerwise.Shape;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PReluEquationsTest {

  @Test
  void perChannelForwardAndBackwardByHand() {
    // 2 samples of 3 channels, α = [0.1, 0.2, 0.3]
    var eq = new PReluEquations(Shape.of(3), Shape.of(3));
    Map<String, double[]> p = Map.of("alpha", new double[] {0.1, 0.2, 0.3});
    double[] x = {-1, 2, -3, 4, -5, 0.5};
    var fwd = eq.forward(p, x, true);
    assertArrayEquals(new double[] {-0.1, 2, 0.3 * -3, 4, 0.2 * -5, 0.5}, fwd.y());
    double[] dy = {1, 2, 3, 4, 5, 6};
    var b = eq.backward(p, fwd.saved(), dy, true);
    assertArrayEquals(new double[] {0.1 * 1, 2, 0.3 * 3, 4, 0.2 * 5, 6}, b.dx());
    // dα_c = Σ over samples of x·dy where x ≤ 0: c0: −1·1, c1: −5·5, c2: −3·3
    assertArrayEquals(new double[] {-1, -25, -9}, b.parameterGradients().get("alpha"));
  }

  @Test
  void sharedAlphaSumsOverEverything() {
    var eq = new PReluEquations(Shape.of(2, 2), Shape.of(1));
    Map<String, double[]> p = Map.of("alpha", new double[] {0.5});
    double[] x = {-1, 2, -3, 4, -0.5, 1, 1, -2};
    double[] dy = {1, 1, 2, 1, 4, 1, 1, 3};
    var b = eq.backward(p, eq.forward(p, x, true).saved(), dy, true);
    assertArrayEquals(new double[] {-1 * 1 + -3 * 2 + -0.5 * 4 + -2 * 3}, b.parameterGradients().get("alpha"));
  }

  @Test
  void atZeroDxIsAlphaAndDAlphaIsZero() {
    var eq = new PReluEquations(Shape.of(2), Shape.of(2));
    Map<String, double[]> p = Map.of("alpha", new double[] {0.25, 0.75});
    var b = eq.backward(p, eq.forward(p, new double[] {0, -0.0}, true).saved(), new double[] {4, 4}, true);
    assertArrayEquals(new double[] {1, 3}, b.dx());
    assertArrayEquals(new double[] {0, 0}, b.parameterGradients().get("alpha"));
  }

  @Test
  void gradientsPerChannel() {
    Random r = new Random(51);
    checkLayer("PReLU per channel", new PReluEquations(Shape.of(2, 3, 4), Shape.of(4)),
        Map.of("alpha", uniform(r, 4, 0, 0.5)), awayFromZero(r, 3 * 24, 0.1, 2), 52);
  }

  @Test
  void gradientsShared() {
    Random r = new Random(53);
    checkLayer("PReLU shared", new PReluEquations(Shape.of(5), Shape.of(1)), Map.of("alpha", new double[] {0.2}),
        awayFromZero(r, 4 * 5, 0.1, 2), 54);
  }

  @Test
  void gradientsOfAPartlyBroadcastAlpha() {
    // sample [H=3, W=2, C=4], α [3, 1, 4]: one slope per row and channel, shared along the width
    Random r = new Random(55);
    checkLayer("PReLU [3,1,4]", new PReluEquations(Shape.of(3, 2, 4), Shape.of(3, 1, 4)),
        Map.of("alpha", uniform(r, 12, -0.5, 0.5)), awayFromZero(r, 2 * 24, 0.1, 2), 56);
  }

  @Test
  void broadcastIndexingByHand() {
    // sample [2, 3], α [2, 1]: row 0 uses α0, row 1 uses α1
    var eq = new PReluEquations(Shape.of(2, 3), Shape.of(2, 1));
    double[] y = eq.forward(Map.of("alpha", new double[] {2, 10}), new double[] {-1, -1, -1, -1, -1, -1}, false).y();
    assertAllClose("y", new double[] {-2, -2, -2, -10, -10, -10}, y, 0, 0);
  }

  @Test
  void refusesAlphaThatDoesNotBroadcast() {
    var e = assertThrows(IllegalArgumentException.class, () -> new PReluEquations(Shape.of(3, 4), Shape.of(3)));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("does not broadcast"), e.getMessage());
  }
}
