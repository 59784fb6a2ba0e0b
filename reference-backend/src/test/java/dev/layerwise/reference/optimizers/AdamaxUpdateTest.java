package dev.layerwise.reference.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AdamaxUpdateTest {

  @Test
  void stepTwoFromWarmSlotsTakesEachSideOfTheMax() {
    // η = 0.75, β₁ = β₂ = 0.5, ε = 0.5, t = 2: η/(1 − β₁²) = 0.75/0.75 = 1.
    // m₀ = {1, 0}, u₀ = {4, 1}, g = {1, −3}: m = m + (g − m)(1 − β₁) = {1, −1.5};
    // u = max(β₂u, |g|) = {max(2, 1), max(0.5, 3)} = {2, 3}: the decayed norm wins for the first, |g| for the second;
    // w −= 1·m/(u + ε) = {1/2.5, −1.5/3.5}
    double[] w = {1, 1};
    double[] m = {1, 0};
    double[] u = {4, 1};
    new AdamaxUpdate(0.5, 0.5, 0.5).apply(w, new double[] {1, -3}, new double[][] {m, u}, 0.75, 2);
    assertArrayEquals(new double[] {1, -1.5}, m);
    assertArrayEquals(new double[] {2, 3}, u);
    assertArrayEquals(new double[] {0.6, 1 + 1.5 / 3.5}, w, 1e-15);
  }

  @Test
  void firstStepFromRestIsTheRateTimesTheSign() {
    // t = 1: m = (1 − β₁)g, u = |g|, w −= η/(1 − β₁)·(1 − β₁)g/(|g| + ε) = η·g/(|g| + ε)
    double[] w = {0, 0};
    new AdamaxUpdate(0.9, 0.999, 0.5).apply(w, new double[] {0.5, -1.5}, new double[][] {new double[2],
        new double[2]}, 0.25, 1);
    assertArrayEquals(new double[] {-0.125, 0.1875}, w, 1e-15);
  }

  @Test
  void slotsAreMThenU() {
    assertEquals(List.of("m", "u"), new AdamaxUpdate(0.9, 0.999, 1e-7).slotNames());
  }
}
