package dev.layerwise.reference.optimizers;

import static dev.layerwise.optimizers.UpdateFormula.KERAS;
import static dev.layerwise.optimizers.UpdateFormula.TF_OP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class AdagradUpdateTest {

  @Test
  void kerasTwoStepsFromANonZeroAccumulator() {
    // η = 0.5, ε = 1.25 (inside the root), a₀ = {0.75, 4} as an initial accumulator value would set it.
    double[] w = {1, 1};
    double[] a = {0.75, 4};
    var adagrad = new AdagradUpdate(1.25, KERAS);
    // a = a + g² = {1, 5}; w −= η·g/√(a + ε) = {0.25/√2.25, −0.5/√6.25} = {1/6, −0.2}
    adagrad.apply(w, new double[] {0.5, -1}, new double[][] {a}, 0.5, 1);
    assertArrayEquals(new double[] {1, 5}, a);
    assertArrayEquals(new double[] {1 - 1.0 / 6, 1.2}, w, 1e-15);
    // a = {1 + 0, 5 + 36} = {1, 41}; w −= {0, 0.5·6/√42.25} = {0, 3/6.5}
    adagrad.apply(w, new double[] {0, 6}, new double[][] {a}, 0.5, 2);
    assertArrayEquals(new double[] {1, 41}, a);
    assertArrayEquals(new double[] {1 - 1.0 / 6, 1.2 - 3 / 6.5}, w, 1e-15);
  }

  @Test
  void applyAdagradV2TwoStepsFromANonZeroAccumulator() {
    // η = 0.5, ε = 0.5 (outside the root), a₀ = {0.75, 3}.
    double[] w = {1, 1};
    double[] a = {0.75, 3};
    var adagrad = new AdagradUpdate(0.5, TF_OP);
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
  void kerasPutsEpsilonInsideTheRootWhichMattersForTinyGradientsFromZero() {
    // a₀ = 0, g = 1e-5, ε = 1e-7, η = 1: Keras steps 1e-5/√(1e-10 + 1e-7) ≈ 0.0316; TF's op
    // 1e-5/(1e-5 + 1e-7) ≈ 0.990, 31× more.
    double[] keras = {0};
    double[] tf = {0};
    new AdagradUpdate(1e-7, KERAS).apply(keras, new double[] {1e-5}, new double[][] {{0}}, 1, 1);
    new AdagradUpdate(1e-7, TF_OP).apply(tf, new double[] {1e-5}, new double[][] {{0}}, 1, 1);
    assertEquals(-1e-5 / Math.sqrt(1.001e-7), keras[0], 1e-17);
    assertEquals(-1e-5 / 1.01e-5, tf[0], 1e-15);
    assertEquals(31.3, tf[0] / keras[0], 0.05);
  }

  @Test
  void oneAccumulatorSlot() {
    assertEquals(List.of("accumulator"), new AdagradUpdate(1e-7, KERAS).slotNames());
    var e = assertThrows(IllegalArgumentException.class, () -> new AdagradUpdate(0, KERAS));
    assertEquals("Adagrad: epsilon must be positive and finite, got 0.0", e.getMessage());
  }
}
