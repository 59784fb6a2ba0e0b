package dev.layerwise.reference.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class AdamWUpdateTest {

  @Test
  void decaysFirstThenTakesAdamsStep() {
    // η = 0.5, λ = 0.5: w = {1, 1} − 0.25·{1, 1} = {0.75, 0.75}. Then Adam with the inputs of
    // AdamUpdateTest.stepTwoFromWarmMomentsByHand (β₁ 0.5, β₂ 0.8, ε 0.5, t = 2, m₀ = {0.5, 0}, v₀ = {1, 4},
    // g = {1, −2}), whose step {0.2, −0.16} does not depend on w: w = {0.55, 0.91}. Decaying after the Adam step
    // would give 0.75·{0.8, 1.16} = {0.6, 0.87}.
    double[] w = {1, 1};
    double[] m = {0.5, 0};
    double[] v = {1, 4};
    new AdamWUpdate(0.5, 0.5, 0.8, 0.5).apply(w, new double[] {1, -2}, new double[][] {m, v}, 0.5, 2);
    assertArrayEquals(new double[] {0.75, -1}, m);
    assertArrayEquals(new double[] {1, 4}, v);
    assertArrayEquals(new double[] {0.55, 0.91}, w, 1e-15);
  }

  @Test
  void aZeroGradientFromRestOnlyDecays() {
    // m = v = 0 stay 0 and Adam's step is 0·α/(0 + ε) = 0: w −= η·λ·w = 0.125·w
    double[] w = {2, -4};
    double[] m = {0, 0};
    double[] v = {0, 0};
    new AdamWUpdate(0.25, 0.9, 0.999, 1e-7).apply(w, new double[2], new double[][] {m, v}, 0.5, 1);
    assertArrayEquals(new double[] {1.75, -3.5}, w);
    assertArrayEquals(new double[] {0, 0}, m);
    assertArrayEquals(new double[] {0, 0}, v);
  }

  @Test
  void aRefusedStepChangesNothing() {
    double[] w = {1};
    var e = assertThrows(IllegalArgumentException.class, () -> new AdamWUpdate(0.5, 0.9, 0.999, 1e-7)
        .apply(w, new double[1], new double[][] {{0}, {0}}, 0.5, 0));
    assertEquals("AdamW: the step index t is 1-based, got 0", e.getMessage());
    assertEquals(1, w[0]);
    assertEquals(List.of("m", "v"), new AdamWUpdate(0.5, 0.9, 0.999, 1e-7).slotNames());
  }
}
