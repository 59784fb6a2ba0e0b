package dev.layerwise.reference.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class AdagradUpdateTest {

  @Test
  void twoStepsFromANonZeroAccumulator() {
    // η = 0.5, ε = 0.5 (outside the root), a₀ = {0.75, 3} as an initial accumulator value would set it.
    double[] w = {1, 1};
    double[] a = {0.75, 3};
    var adagrad = new AdagradUpdate(0.5);
    // a = a + g² = {1, 4}; w −= g·η/(√a + ε) = {0.25/1.5, −0.5/2.5} = {1/6, −0.2}
    adagrad.apply(w, new double[] {0.5, -1}, new double[][] {a}, 0.5, 1);
    assertArrayEquals(new double[] {1, 4}, a);
    assertArrayEquals(new double[] {1 - 1.0 / 6, 1.2}, w, 1e-15);
    // a = {1 + 0, 4 + 2.25} = {1, 6.25}; w −= {0, 1.5·0.5/(2.5 + 0.5)} = {0, 0.25}
    adagrad.apply(w, new double[] {0, 1.5}, new double[][] {a}, 0.5, 2);
    assertArrayEquals(new double[] {1, 6.25}, a);
    assertArrayEquals(new double[] {1 - 1.0 / 6, 0.95}, w, 1e-15);
  }

  @Test
  void epsilonIsOutsideTheRoot() {
    // From a = 0 and g = 0.5: a = 0.25, w −= 0.5·1/(0.5 + 0.25) = 2/3. With ε inside the root (Keras) the step
    // would be 0.5/√0.5 ≈ 0.7071.
    double[] w = {0};
    new AdagradUpdate(0.25).apply(w, new double[] {0.5}, new double[][] {{0}}, 1, 1);
    assertEquals(-2.0 / 3, w[0], 1e-16);
  }

  @Test
  void oneAccumulatorSlot() {
    assertEquals(List.of("accumulator"), new AdagradUpdate(1e-7).slotNames());
    var e = assertThrows(IllegalArgumentException.class, () -> new AdagradUpdate(0));
    assertEquals("Adagrad: epsilon must be positive and finite, got 0.0", e.getMessage());
  }
}
