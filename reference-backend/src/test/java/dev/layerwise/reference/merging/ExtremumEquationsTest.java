package dev.layerwise.reference.merging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExtremumEquationsTest {
  // Keras's maximum example: x1 = [[0, 0], [-1, -2], [0, 0], [-3, -4]], x2 = [[0, 0], [0, 0], [-1, -2], [-3, -4]]
  private static final double[] A = {0, 0, -1, -2, 0, 0, -3, -4};
  private static final double[] B = {0, 0, 0, 0, -1, -2, -3, -4};

  @Test
  void maximumAndMinimumElementByElement() {
    assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0, -3, -4},
        ExtremumEquations.maximum("Maximum").forward(List.of(A, B)).y());
    assertArrayEquals(new double[] {0, 0, -1, -2, -1, -2, -3, -4},
        ExtremumEquations.minimum("Minimum").forward(List.of(A, B)).y());
  }

  @Test
  void theGradientGoesToTheWinnerAndATieToTheFirstInput() {
    // x1 = [1, 5, 2, 7], x2 = [3, 5, 1, 0], x3 = [3, 4, 2, 9]: the maximum's winners are x2 (3 > 1, tie with x3
    // goes to x2), x1 (tie with x2), x1 (tie with x3), x3
    var max = ExtremumEquations.maximum("Maximum");
    var f = max.forward(List.of(new double[] {1, 5, 2, 7}, new double[] {3, 5, 1, 0}, new double[] {3, 4, 2, 9}));
    assertArrayEquals(new double[] {3, 5, 2, 9}, f.y());
    List<double[]> dx = max.backward(f.saved(), new double[] {10, 20, 30, 40});
    assertArrayEquals(new double[] {0, 20, 30, 0}, dx.get(0));
    assertArrayEquals(new double[] {10, 0, 0, 0}, dx.get(1));
    assertArrayEquals(new double[] {0, 0, 0, 40}, dx.get(2));
  }

  @Test
  void minimumsGradientLikewise() {
    var min = ExtremumEquations.minimum("Minimum");
    var f = min.forward(List.of(new double[] {1, 2}, new double[] {1, -1}));
    assertArrayEquals(new double[] {1, -1}, f.y());
    List<double[]> dx = min.backward(f.saved(), new double[] {5, 6});
    assertArrayEquals(new double[] {5, 0}, dx.get(0), "the tie at element 0 goes to the first input");
    assertArrayEquals(new double[] {0, 6}, dx.get(1));
  }
}
