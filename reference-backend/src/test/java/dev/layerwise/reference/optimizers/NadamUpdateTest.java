package dev.layerwise.reference.optimizers;

import static dev.layerwise.optimizers.UpdateFormula.KERAS;
import static dev.layerwise.optimizers.UpdateFormula.TF_OP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NadamUpdateTest {

  @Test
  void kerasStepTwoFromWarmMomentsByHand() {
    // η = 0.5, β₁ = 0.5, β₂ = 0.8, ε = 0.5, t = 2, m₀ = {0.5, 0}, v₀ = {1, 4}, g = {1, −2}: m = {0.75, −1},
    // v = {1, 4} (as in AdamUpdateTest). The momentum schedule μ_t = β₁(1 − ½·0.96ᵗ): μ₁ = 0.26, μ₂ = 0.2696,
    // μ₃ = 0.278816; Π₂ = μ₁μ₂ = 0.070096, Π₃ = Π₂μ₃.
    // m̂ = μ₃·m/(1 − Π₃) + (1 − μ₂)·g/(1 − Π₂); v̂ = v/(1 − β₂²) = v/0.36; w −= m̂·η/(√v̂ + ε).
    double mu2 = 0.2696;
    double mu3 = 0.278816;
    double pi2 = 0.070096;
    double pi3 = pi2 * mu3;
    double[] g = {1, -2};
    double[] m = {0.75, -1};
    double[] v = {1, 4};
    double[] expected = new double[2];
    for (int i = 0; i < 2; i++) {
      double mHat = mu3 * m[i] / (1 - pi3) + (1 - mu2) * g[i] / (1 - pi2);
      expected[i] = 1 - mHat * 0.5 / (Math.sqrt(v[i] / 0.36) + 0.5);
    }
    double[] w = {1, 1};
    double[] mGot = {0.5, 0};
    double[] vGot = {1, 4};
    new NadamUpdate(0.5, 0.8, 0.5, KERAS).apply(w, g, new double[][] {mGot, vGot}, 0.5, 2);
    assertArrayEquals(m, mGot);
    assertArrayEquals(v, vGot);
    assertArrayEquals(expected, w, 1e-15);
  }

  @Test
  void kerasFirstStepAtTheDefaultsIsAboutOnePointZeroSixTimesTheRate() {
    // t = 1 from zero moments: m = 0.1g, v = 0.001g², v̂ = g²; μ₁ = 0.9·0.52 = 0.468, μ₂ = 0.9·0.5392 = 0.48528,
    // Π₁ = 0.468, Π₂ = 0.468·0.48528. m̂ = μ₂·0.1g/(1 − Π₂) + (1 − μ₁)g/(1 − Π₁) = (0.0627873… + 1)·g, so
    // w −= η·m̂/(|g| + ε) ≈ 1.0628·η·sign(g) (TF's ApplyAdam with use_nesterov steps 1.9·η).
    double lr = 0.01;
    double factor = 0.48528 * 0.1 / (1 - 0.468 * 0.48528) + 1;
    double[] w = {0, 0};
    new NadamUpdate(0.9, 0.999, 1e-7, KERAS).apply(w, new double[] {0.5, -2}, new double[][] {new double[2],
        new double[2]}, lr, 1);
    assertEquals(-lr * factor * 0.5 / (0.5 + 1e-7), w[0], 1e-15 * lr);
    assertEquals(lr * factor * 2 / (2 + 1e-7), w[1], 1e-15 * lr);
    assertEquals(1.0628, factor, 1e-4);
  }

  @Test
  void applyAdamNesterovStepTwoFromWarmMomentsByHand() {
    // The inputs of AdamUpdateTest.stepTwoFromWarmMomentsByHand: η = 0.5, β₁ = 0.5, β₂ = 0.8, ε = 0.5, t = 2,
    // α = 0.4, m₀ = {0.5, 0}, v₀ = {1, 4}, g = {1, −2}; the same m = {0.75, −1} and v = {1, 4}.
    // w −= (g(1 − β₁) + β₁m)·α/(√v + ε) = {(0.5 + 0.375)·0.4/1.5, (−1 − 0.5)·0.4/2.5} = {0.2333…, −0.24}
    // (Adam's step was {0.2, −0.16}: Nesterov adds the current gradient's share to the momentum.)
    double[] w = {1, 1};
    double[] m = {0.5, 0};
    double[] v = {1, 4};
    new NadamUpdate(0.5, 0.8, 0.5, TF_OP).apply(w, new double[] {1, -2}, new double[][] {m, v}, 0.5, 2);
    assertArrayEquals(new double[] {0.75, -1}, m);
    assertArrayEquals(new double[] {1, 4}, v);
    assertArrayEquals(new double[] {1 - 0.875 * 0.4 / 1.5, 1.24}, w, 1e-15);
  }

  @Test
  void applyAdamNesterovFirstStepIsOnePlusBeta1TimesTheRate() {
    // From zero moments at t = 1: m = (1 − β₁)g, v = (1 − β₂)g², α = η√(1 − β₂)/(1 − β₁), so
    // w −= (1 − β₁)(1 + β₁)g·η√(1 − β₂)/((1 − β₁)(√(1 − β₂)|g| + ε)) = (1 + β₁)·η·sign(g)·r, r = s/(s + ε) with
    // s = √(1 − β₂)|g|: Adam's first step of η, times 1 + β₁, shortened a little by ε.
    double lr = 0.01;
    double[] w = {0, 0};
    new NadamUpdate(0.9, 0.999, 1e-7, TF_OP).apply(w, new double[] {0.5, -2}, new double[][] {new double[2],
        new double[2]}, lr, 1);
    double s0 = Math.sqrt(0.001) * 0.5;
    double s1 = Math.sqrt(0.001) * 2;
    assertEquals(-1.9 * lr * s0 / (s0 + 1e-7), w[0], 1e-15 * lr);
    assertEquals(1.9 * lr * s1 / (s1 + 1e-7), w[1], 1e-15 * lr);
  }

  @Test
  void slotsAreMThenV() {
    assertEquals(List.of("m", "v"), new NadamUpdate(0.9, 0.999, 1e-7, KERAS).slotNames());
    assertEquals(List.of("m", "v"), new NadamUpdate(0.9, 0.999, 1e-7, TF_OP).slotNames());
  }
}
