package dev.layerwise.reference.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AdadeltaUpdateTest {

  @Test
  void twoStepsFromWarmAccumulators() {
    // η = ρ = 0.5, ε = 0.25; a₀ = {0.5, 3.5}, d₀ = {3.75, 0.75}, w₀ = {1, 1}
    double[] w = {1, 1};
    double[] a = {0.5, 3.5};
    double[] d = {3.75, 0.75};
    var adadelta = new AdadeltaUpdate(0.5, 0.25);
    // Step 1, g = {1, −2}: a = a·ρ + g²(1 − ρ) = {0.25 + 0.5, 1.75 + 2} = {0.75, 3.75};
    // Δ = √(d + ε)/√(a + ε)·g = {2/1·1, 1/2·(−2)} = {2, −1}; w −= Δ·η = {1 − 1, 1 + 0.5};
    // d = d·ρ + Δ²(1 − ρ) = {1.875 + 2, 0.375 + 0.5}
    adadelta.apply(w, new double[] {1, -2}, new double[][] {a, d}, 0.5, 1);
    assertArrayEquals(new double[] {0.75, 3.75}, a);
    assertArrayEquals(new double[] {0, 1.5}, w);
    assertArrayEquals(new double[] {3.875, 0.875}, d);
    // Step 2, g = {0, 0.5}: a = {0.375, 1.875 + 0.125} = {0.375, 2}; Δ = {0, √1.125/√2.25·0.5} = {0, √2/4}
    // (√1.125 = 3/(2√2)); w = {0, 1.5 − √2/8}; d = {1.9375, 0.4375 + (1/8)·0.5} = {1.9375, 0.5}:
    // a zero gradient leaves w alone but still decays both accumulators.
    adadelta.apply(w, new double[] {0, 0.5}, new double[][] {a, d}, 0.5, 2);
    assertArrayEquals(new double[] {0.375, 2}, a);
    assertArrayEquals(new double[] {0, 1.5 - Math.sqrt(2) / 8}, w, 1e-15);
    assertArrayEquals(new double[] {1.9375, 0.5}, d, 1e-15);
  }

  @Test
  void twoAccumulatorSlots() {
    assertEquals(List.of("accumulator", "delta_accumulator"), new AdadeltaUpdate(0.95, 1e-7).slotNames());
  }
}
