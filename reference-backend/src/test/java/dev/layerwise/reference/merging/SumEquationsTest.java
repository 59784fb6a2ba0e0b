package dev.layerwise.reference.merging;

import static dev.layerwise.reference.merging.KerasMergeExample.X1;
import static dev.layerwise.reference.merging.KerasMergeExample.X2;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SumEquationsTest {

  @Test
  void addGivesKerassSum() {
    // Keras: Add()([x1, x2]) = [[0, 0], [1, 2], [1, 2], [6, 8]]
    var f = SumEquations.add("Add").forward(List.of(X1, X2));
    assertArrayEquals(new double[] {0, 0, 1, 2, 1, 2, 6, 8}, f.y());
  }

  @Test
  void averageGivesKerassMean() {
    // Keras: Average()([x1, x2]) = [[0, 0], [0.5, 1], [0.5, 1], [3, 4]]
    var f = SumEquations.average(2, "Average").forward(List.of(X1, X2));
    assertArrayEquals(new double[] {0, 0, 0.5, 1, 0.5, 1, 3, 4}, f.y());
  }

  @Test
  void threeInputsAndTheirGradients() {
    // y = x1 + x2 + x3 = [6, 9]; every dxᵢ = dy. Average: y = [2, 3], dxᵢ = dy/3.
    List<double[]> xs = List.of(new double[] {1, 2}, new double[] {2, 3}, new double[] {3, 4});
    var add = SumEquations.add("Add");
    var f = add.forward(xs);
    assertArrayEquals(new double[] {6, 9}, f.y());
    List<double[]> dx = add.backward(f.saved(), new double[] {1, -2});
    assertEquals(3, dx.size());
    dx.forEach(d -> assertArrayEquals(new double[] {1, -2}, d));
    var avg = SumEquations.average(3, "Average");
    var g = avg.forward(xs);
    assertArrayEquals(new double[] {2, 3}, g.y(), 1e-15);
    avg.backward(g.saved(), new double[] {3, -6}).forEach(d -> assertArrayEquals(new double[] {1, -2}, d, 1e-15));
  }

  @Test
  void inputsOfDifferentSizesAreRefused() {
    var e = assertThrows(IllegalArgumentException.class, () -> SumEquations.add("Add 'a'").forward(List.of(
        new double[2], new double[3])));
    assertEquals("Add 'a': input 1 holds 3 values, input 0 holds 2", e.getMessage());
  }
}
