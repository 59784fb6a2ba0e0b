package dev.layerwise.reference.layers;

import static dev.layerwise.reference.RefGradientCheck.assertAllClose;
import static dev.layerwise.reference.RefGradientCheck.checkLayer;
import static dev.layerwise.reference.RefGradientCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.layerwise.Shape;
import dev.layerwise.layers.Padding;
import dev.layerwise.layers.Size2D;
import dev.layerwise.reference.tensor.Window2D;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AveragePooling2DEquationsTest {

  private static AveragePooling2DEquations pool(Shape sample, int size, int stride, Padding padding) {
    return new AveragePooling2DEquations(Window2D.of(sample, Size2D.of(size), Size2D.of(stride), padding));
  }

  @Test
  void sameBordersDivideByTheRealPositionsByHand() {
    // 3×3, 2×2/2 SAME: the windows hold 4, 2, 2 and 1 real values
    double[] x = {1, 5, 3, 4, 2, 6, 7, 8, -9};
    var eq = pool(Shape.of(3, 3, 1), 2, 2, Padding.SAME);
    var fwd = eq.forward(Map.of(), x, false);
    assertArrayEquals(new double[] {(1 + 5 + 4 + 2) / 4.0, (3 + 6) / 2.0, (7 + 8) / 2.0, -9}, fwd.y());
    double[] dx = eq.backward(Map.of(), fwd.saved(), new double[] {4, 2, 6, 1}, true).dx();
    assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1, 3, 3, 1}, dx);
  }

  @Test
  void overlappingSameWindowsByHand() {
    // 3×3, 3×3/1 SAME: one padded row/col on every side; corner windows see 4 values, edges 6, the centre 9
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    var eq = pool(Shape.of(3, 3, 1), 3, 1, Padding.SAME);
    var fwd = eq.forward(Map.of(), x, false);
    assertAllClose("y", new double[] {
        (1 + 2 + 4 + 5) / 4.0, (1 + 2 + 3 + 4 + 5 + 6) / 6.0, (2 + 3 + 5 + 6) / 4.0,
        (1 + 2 + 4 + 5 + 7 + 8) / 6.0, 45 / 9.0, (2 + 3 + 5 + 6 + 8 + 9) / 6.0,
        (4 + 5 + 7 + 8) / 4.0, (4 + 5 + 6 + 7 + 8 + 9) / 6.0, (5 + 6 + 8 + 9) / 4.0}, fwd.y(), 0, 1e-15);
    // all-ones dy: the corner x[0,0] lies in 4 windows, a corner (1/4), two edges (1/6 each) and the centre (1/9)
    double[] dx = eq.backward(Map.of(), fwd.saved(), new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, true).dx();
    assertAllClose("dx[0,0]", new double[] {1 / 4.0 + 2 / 6.0 + 1 / 9.0}, new double[] {dx[0]}, 0, 1e-15);
    assertAllClose("dx[1,1]", new double[] {4 / 4.0 + 4 / 6.0 + 1 / 9.0}, new double[] {dx[4]}, 0, 1e-15);
  }

  @ParameterizedTest(name = "{0}×{1}×{2} pool {3}/{4} {5}")
  @CsvSource({
      "4, 4, 2, 2, 2, VALID",
      "5, 5, 2, 3, 2, SAME",
      "6, 5, 3, 3, 1, SAME",
      "3, 3, 2, 2, 2, SAME"})
  void gradients(int h, int w, int c, int size, int stride, Padding padding) {
    Random r = new Random(h * 100L + w * 10 + c);
    checkLayer("avg pool " + size + "/" + stride + " " + padding, pool(Shape.of(h, w, c), size, stride, padding),
        Map.of(), uniform(r, 2 * h * w * c, -2, 2), 121);
  }
}
