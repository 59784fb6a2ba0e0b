package dev.layerwise.reference.merging;

import static dev.layerwise.reference.merging.KerasMergeExample.X1;
import static dev.layerwise.reference.merging.KerasMergeExample.X2;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.layerwise.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConcatenateEquationsTest {
  private static final List<Shape> TWO_4X2 = List.of(Shape.of(4, 2), Shape.of(4, 2));

  @Test
  void alongTheFirstAxisOfTheSampleTheRowsFollowEachOther() {
    // Keras: Concatenate(axis=1)([x1, x2]) over (1, 4, 2) = [[0, 0], [1, 2], [0, 0], [3, 4], [0, 0], [0, 0],
    // [1, 2], [3, 4]]
    var f = new ConcatenateEquations(TWO_4X2, 0, "Concatenate").forward(List.of(X1, X2));
    assertArrayEquals(new double[] {0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 1, 2, 3, 4}, f.y());
  }

  @Test
  void alongTheLastAxisEachRowIsJoined() {
    // Keras: Concatenate(axis=2)([x1, x2]) = [[0, 0, 0, 0], [1, 2, 0, 0], [0, 0, 1, 2], [3, 4, 3, 4]]
    var f = new ConcatenateEquations(TWO_4X2, 1, "Concatenate").forward(List.of(X1, X2));
    assertArrayEquals(new double[] {0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 1, 2, 3, 4, 3, 4}, f.y());
  }

  @Test
  void aBatchOfTwoWithUnequalLengthsAndTheGradientsSlicedBack() {
    // samples [1] + [2] along axis 0: sample 0 = (1 | 2, 3), sample 1 = (4 | 5, 6)
    var eq = new ConcatenateEquations(List.of(Shape.of(1), Shape.of(2)), 0, "Concatenate");
    var f = eq.forward(List.of(new double[] {1, 4}, new double[] {2, 3, 5, 6}));
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, f.y());
    List<double[]> dx = eq.backward(f.saved(), new double[] {10, 20, 30, 40, 50, 60});
    assertArrayEquals(new double[] {10, 40}, dx.get(0));
    assertArrayEquals(new double[] {20, 30, 50, 60}, dx.get(1));
  }

  @Test
  void anInputOfTheWrongSizeIsRefused() {
    var eq = new ConcatenateEquations(TWO_4X2, 1, "Concatenate");
    assertThrows(IllegalArgumentException.class, () -> eq.forward(List.of(new double[8], new double[6])));
  }
}
