package dev.layerwise.reference.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NadamUpdateTest {

  @Test
  void stepTwoFromWarmMomentsByHand() {
    // The inputs of AdamUpdateTest.stepTwoFromWarmMomentsByHand: η = 0.5, β₁ = 0.5, β₂ = 0.8, ε = 0.5, t = 2,
    // α = 0.4, m₀ = {0.5, 0}, v₀ = {1, 4}, g = {1, −2}; the same m = {0.75, −1} and v = {1, 4}.
    // w −= (g(1 − β₁) + β₁m)·α/(√v + ε) = {(0.5 + 0.375)·0.4/1.5, (−1 − 0.5)·0.4/2.5} = {0.2333…, −0.24}
    // (Adam's step was {0.2, −0.16}: Nesterov adds the current gradient's share to the momentum.)
    double[] w = {1, 1};
    double[] m = {0.5, 0};
    double[] v = {1, 4};
    new NadamUpdate(0.5, 0.8, 0.5).apply(w, new double[] {1, -2}, new double[][] {m, v}, 0.5, 2);
    assertArrayEquals(new double[] {0.75, -1}, m);
    assertArrayEquals(new double[] {1, 4}, v);
    assertArrayEquals(new double[] {1 - 0.875 * 0.4 / 1.5, 1.24}, w, 1e-15);
  }

  @Test
  void firstStepIsOnePlusBeta1TimesTheRate() {
    // From zero moments at t = 1: m = (1 − β₁)g, v = (1 − β₂)g², α = η√(1 − β₂)/(1 − β₁), so
    // w −= (1 − β₁)(1 + β₁)g·η√(1 − β₂)/((1 − β₁)(√(1 − β₂)|g| + ε)) = (1 + β₁)·η·sign(g)·r, r = s/(s + ε) with
    // s = √(1 − β₂)|g|: Adam's first step of η, times 1 + β₁, shortened a little by ε.
    double lr = 0.01;
    double[] w = {0, 0};
    new NadamUpdate(0.9, 0.999, 1e-7).apply(w, new double[] {0.5, -2}, new double[][] {new double[2],
        new double[2]}, lr, 1);
    double s0 = Math.sqrt(0.001) * 0.5;
    double s1 = Math.sqrt(0.001) * 2;
    assertEquals(-1.9 * lr * s0 / (s0 + 1e-7), w[0], 1e-15 * lr);
    assertEquals(1.9 * lr * s1 / (s1 + 1e-7), w[1], 1e-15 * lr);
  }

  @Test
  void slotsAreMThenV() {
    assertEquals(List.of("m", "v"), new NadamUpdate(0.9, 0.999, 1e-7).slotNames());
  }
}
