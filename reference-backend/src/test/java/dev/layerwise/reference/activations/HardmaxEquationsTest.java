package dev.layerwise.reference.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HardmaxEquationsTest {

  @Test
  void oneHotOfTheFirstMaximum() {
    var eq = new HardmaxEquations(4, "Hardmax 'h'");
    double[] x = {
        0.1, 0.7, 0.2, -1, // a clear winner
        3, 1, 3, 3, //        a three-way tie: the first wins
        -5, -2, -2, -9, //    ties among negatives
        Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    assertArrayEquals(new double[] {0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0},
        eq.forward(Map.of(), x, false).y());
  }

  @Test
  void backwardRefusesRatherThanReturnZeros() {
    var eq = new HardmaxEquations(2, "Hardmax 'decide'");
    var fwd = eq.forward(Map.of(), new double[] {1, 2}, true);
    var e = assertThrows(IllegalStateException.class,
        () -> eq.backward(Map.of(), fwd.saved(), new double[] {1, 1}, true));
    assertEquals("Hardmax 'decide' is not differentiable (its gradient is zero wherever it exists), so no gradient"
        + " can flow through it; use it for inference only, or Softmax to train", e.getMessage());
  }
}
