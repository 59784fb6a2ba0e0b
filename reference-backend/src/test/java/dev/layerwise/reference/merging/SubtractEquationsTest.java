package dev.layerwise.reference.merging;

import static dev.layerwise.reference.merging.KerasMergeExample.X1;
import static dev.layerwise.reference.merging.KerasMergeExample.X2;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubtractEquationsTest {

  @Test
  void forwardIsKerassDifference() {
    // Keras: Subtract()([x1, x2]) = [[0, 0], [1, 2], [-1, -2], [0, 0]]
    var f = new SubtractEquations("Subtract").forward(List.of(X1, X2));
    assertArrayEquals(new double[] {0, 0, 1, 2, -1, -2, 0, 0}, f.y());
  }

  @Test
  void backwardPassesDyToTheFirstAndMinusDyToTheSecond() {
    var eq = new SubtractEquations("Subtract");
    var f = eq.forward(List.of(new double[] {5, 1}, new double[] {2, 7}));
    List<double[]> dx = eq.backward(f.saved(), new double[] {0.5, -3});
    assertArrayEquals(new double[] {0.5, -3}, dx.get(0));
    assertArrayEquals(new double[] {-0.5, 3}, dx.get(1));
  }

  @Test
  void exactlyTwoInputs() {
    var eq = new SubtractEquations("Subtract");
    assertThrows(IllegalArgumentException.class, () -> eq.forward(List.of(new double[1], new double[1],
        new double[1])));
  }
}
