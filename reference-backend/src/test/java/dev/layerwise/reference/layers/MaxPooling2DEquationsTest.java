package dev.layerwise.reference.layers;

import static dev.layerwise.reference.RefGradientCheck.checkLayer;
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

class MaxPooling2DEquationsTest {

  private static MaxPooling2DEquations pool(Shape sample, int size, int stride, Padding padding) {
    return new MaxPooling2DEquations(Window2D.of(sample, Size2D.of(size), Size2D.of(stride), padding));
  }

  @Test
  void sameBordersIgnoreThePaddingByHand() {
    // 3×3, 2×2/2 SAME: out 2×2, one padded row/col at the bottom/right. The last window holds only −9: a padded
    // 0 would win if padding were read as a value.
    double[] x = {1, 5, 3, 4, 2, 6, 7, 8, -9};
    var eq = pool(Shape.of(3, 3, 1), 2, 2, Padding.SAME);
    var fwd = eq.forward(Map.of(), x, false);
    assertArrayEquals(new double[] {5, 6, 8, -9}, fwd.y()); // max(1,5,4,2), max(3,6), max(7,8), max(−9)
    double[] dx = eq.backward(Map.of(), fwd.saved(), new double[] {10, 20, 30, 40}, true).dx();
    assertArrayEquals(new double[] {0, 10, 0, 0, 0, 20, 0, 30, 40}, dx);
  }

  @Test
  void tiesGoToTheFirstInRowMajorOrder() {
    // one 2×2 window per channel; channel 0 = [2, 2, 2, 1] (three-way tie), channel 1 = [0, 1, 1, 1]
    double[] x = {2, 0, 2, 1, 2, 1, 1, 1};
    var eq = pool(Shape.of(2, 2, 2), 2, 2, Padding.VALID);
    var fwd = eq.forward(Map.of(), x, true);
    assertArrayEquals(new double[] {2, 1}, fwd.y());
    assertArrayEquals(new double[] {5, 0, 0, 7, 0, 0, 0, 0},
        eq.backward(Map.of(), fwd.saved(), new double[] {5, 7}, true).dx());
  }

  @Test
  void overlappingWindowsAccumulate() {
    // 1×3 image, 1×2 windows with stride 1: both windows are won by the middle element
    var eq = new MaxPooling2DEquations(Window2D.of(Shape.of(1, 3, 1), Size2D.of(1, 2), Size2D.of(1), Padding.VALID));
    var fwd = eq.forward(Map.of(), new double[] {1, 3, 2}, true);
    assertArrayEquals(new double[] {3, 3}, fwd.y());
    assertArrayEquals(new double[] {0, 0.5 + 0.25, 0},
        eq.backward(Map.of(), fwd.saved(), new double[] {0.5, 0.25}, true).dx());
  }

  @ParameterizedTest(name = "{0}×{1}×{2} pool {3}/{4} {5}")
  @CsvSource({
      "4, 4, 2, 2, 2, VALID",
      "5, 5, 2, 3, 2, SAME",
      "6, 5, 3, 3, 2, SAME",
      "5, 4, 1, 2, 1, VALID",
      "3, 3, 2, 2, 2, SAME"})
  void gradientOnAShuffledGrid(int h, int w, int c, int size, int stride, Padding padding) {
    double[] x = PoolingTestImages.shuffledGrid(new Random(h * 100L + w * 10 + c), 2 * h * w * c, 0.01);
    checkLayer("max pool " + size + "/" + stride + " " + padding, pool(Shape.of(h, w, c), size, stride, padding),
        Map.of(), x, 111);
  }
}
