package dev.layerwise.reference.layers;

import static dev.layerwise.reference.RefGradientCheck.checkLayer;
import static dev.layerwise.reference.RefGradientCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DenseEquationsTest {

  @Test
  void forwardByHand() {
    // x = [[1, 2]], W = [[1, 2, 3], [4, 5, 6]], b = [0.5, 0, -1]: y = [1+8+0.5, 2+10, 3+12-1]
    var eq = new DenseEquations(2, 3, true);
    var y = eq.forward(Map.of("kernel", new double[] {1, 2, 3, 4, 5, 6}, "bias", new double[] {0.5, 0, -1}),
        new double[] {1, 2}, false).y();
    assertArrayEquals(new double[] {9.5, 12, 14}, y);
  }

  @Test
  void backwardByHand() {
    // one row x = [1, 2], dy = [1, -1, 2]: dW = xᵀ dy, db = dy, dx = dy Wᵀ = [1-2+6, 4-5+12]
    var eq = new DenseEquations(2, 3, true);
    var params = Map.of("kernel", new double[] {1, 2, 3, 4, 5, 6}, "bias", new double[3]);
    var fwd = eq.forward(params, new double[] {1, 2}, true);
    var b = eq.backward(params, fwd.saved(), new double[] {1, -1, 2}, true);
    assertArrayEquals(new double[] {1, -1, 2, 2, -2, 4}, b.parameterGradients().get("kernel"));
    assertArrayEquals(new double[] {1, -1, 2}, b.parameterGradients().get("bias"));
    assertArrayEquals(new double[] {5, 11}, b.dx());
  }

  @Test
  void gradientsWithBias() {
    Random r = new Random(11);
    checkLayer("Dense 4×5→3", new DenseEquations(5, 3, true),
        Map.of("kernel", uniform(r, 15, -1, 1), "bias", uniform(r, 3, -1, 1)), uniform(r, 20, -2, 2), 12);
  }

  @Test
  void gradientsWithoutBias() {
    Random r = new Random(13);
    checkLayer("Dense no bias", new DenseEquations(6, 4, false), Map.of("kernel", uniform(r, 24, -1, 1)),
        uniform(r, 18, -2, 2), 14);
  }

  @Test
  void higherRankInputMapsOverTheLastAxis() {
    // [batch 2, steps 3, in 4] → 6 rows of 4
    Random r = new Random(15);
    var eq = new DenseEquations(4, 2, true);
    var params = Map.of("kernel", uniform(r, 8, -1, 1), "bias", uniform(r, 2, -1, 1));
    double[] x = uniform(r, 24, -2, 2);
    assertEquals(12, eq.forward(params, x, false).y().length);
    checkLayer("Dense rank 3", eq, params, x, 16);
  }

  @Test
  void refusesPartialRows() {
    var eq = new DenseEquations(4, 2, false);
    var e = assertThrows(IllegalArgumentException.class,
        () -> eq.forward(Map.of("kernel", new double[8]), new double[6], false));
    assertEquals("Dense: input of 6 values is not a whole number of rows of 4", e.getMessage());
  }
}
