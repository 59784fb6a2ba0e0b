package dev.layerwise.reference.merging;

import static dev.layerwise.reference.merging.KerasMergeExample.X1;
import static dev.layerwise.reference.merging.KerasMergeExample.X2;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MultiplyEquationsTest {

  @Test
  void forwardIsTheElementwiseProduct() {
    // x1 ⊙ x2 = [[0, 0], [0, 0], [0, 0], [9, 16]]
    var f = new MultiplyEquations("Multiply").forward(List.of(X1, X2));
    assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0, 9, 16}, f.y());
  }

  @Test
  void eachGradientIsDyTimesTheOtherInputs() {
    // x1 = [2, 0], x2 = [3, 5], x3 = [-1, 4]: y = [-6, 0]
    // dx1 = dy ⊙ x2 ⊙ x3 = [1·3·(−1), 2·5·4] = [-3, 40]; dx2 = dy ⊙ x1 ⊙ x3 = [-2, 0]; dx3 = dy ⊙ x1 ⊙ x2 = [6, 0]
    var eq = new MultiplyEquations("Multiply");
    var f = eq.forward(List.of(new double[] {2, 0}, new double[] {3, 5}, new double[] {-1, 4}));
    assertArrayEquals(new double[] {-6, 0}, f.y());
    List<double[]> dx = eq.backward(f.saved(), new double[] {1, 2});
    assertArrayEquals(new double[] {-3, 40}, dx.get(0), "a zero in x1 does not zero its own gradient");
    assertArrayEquals(new double[] {-2, 0}, dx.get(1));
    assertArrayEquals(new double[] {6, 0}, dx.get(2));
  }
}
