package dev.layerwise.reference.optimizers;

import static dev.layerwise.reference.RefGradientCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AdamUpdateTest {
  private static final double LR = 0.01;
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPS = 1e-7;

  @Test
  void twoStepsByHand() {
    // Step 1, g = 0.5: m = 0.1·0.5 = 0.05, v = 0.001·0.25 = 2.5e-4, α = 0.01·√0.001/0.1 = 3.16227766e-3,
    // w = 1 − 0.05·α / (√2.5e-4 + 1e-7) = 1 − 0.01·(0.0158113883 / 0.0158114883): a step of ≈ η, as Adam's
    // first step always is.
    // Step 2, g = −0.25: m = 0.05 + (−0.25 − 0.05)·0.1 = 0.02, v = 2.5e-4 + (0.0625 − 2.5e-4)·0.001 = 3.1225e-4,
    // α = 0.01·√(1 − 0.999²)/(1 − 0.9²), w −= 0.02·α / (√3.1225e-4 + 1e-7).
    double[] w = {1.0};
    double[] m = {0};
    double[] v = {0};
    var adam = new AdamUpdate(BETA1, BETA2, EPS, false);
    adam.apply(w, new double[] {0.5}, new double[][] {m, v}, LR, 1);
    assertEquals(0.05, m[0], 1e-16);
    assertEquals(2.5e-4, v[0], 1e-18);
    assertEquals(0.9900000632451532, w[0], 1e-15);
    adam.apply(w, new double[] {-0.25}, new double[][] {m, v}, LR, 2);
    assertEquals(0.02, m[0], 1e-16);
    assertEquals(3.1225e-4, v[0], 1e-18);
    assertEquals(0.9873367079207922, w[0], 1e-15);
  }

  @Test
  void stepTwoFromWarmMomentsByHand() {
    // η = 0.5, β₁ = 0.5, β₂ = 0.8, ε = 0.5 at t = 2: α = 0.5·√(1 − 0.64)/(1 − 0.25) = 0.5·0.6/0.75 = 0.4.
    // m₀ = {0.5, 0}, v₀ = {1, 4}, g = {1, −2}: m = {0.5 + 0.5·0.5, 0 − 2·0.5} = {0.75, −1},
    // v = {1 + 0·0.2, 4 + 0·0.2} = {1, 4}; w −= m·α/(√v + ε) = {0.75·0.4/1.5, −1·0.4/2.5} = {0.2, −0.16}
    double[] w = {1, 1};
    double[] m = {0.5, 0};
    double[] v = {1, 4};
    new AdamUpdate(0.5, 0.8, 0.5, false).apply(w, new double[] {1, -2}, new double[][] {m, v}, 0.5, 2);
    assertArrayEquals(new double[] {0.75, -1}, m);
    assertArrayEquals(new double[] {1, 4}, v);
    assertArrayEquals(new double[] {0.8, 1.16}, w, 1e-15);
  }

  /**
   * TF's form is Kingma &amp; Ba's bias-corrected update with a rescaled ε: with m̂ = m/(1 − β₁ᵗ) and
   * v̂ = v/(1 − β₂ᵗ), {@code w −= η·m̂ / (√v̂ + ε/√(1 − β₂ᵗ))}. Five steps computed that way must agree.
   */
  @Test
  void matchesThePaperWithEpsilonHat() {
    Random r = new Random(51);
    int n = 6;
    double[] w = uniform(r, n, -1, 1);
    double[] m = new double[n];
    double[] v = new double[n];
    double[] wp = w.clone();
    double[] mp = new double[n];
    double[] vp = new double[n];
    var adam = new AdamUpdate(BETA1, BETA2, EPS, false);
    for (int t = 1; t <= 5; t++) {
      double[] g = uniform(r, n, -1, 1);
      adam.apply(w, g, new double[][] {m, v}, LR, t);
      for (int i = 0; i < n; i++) {
        mp[i] = BETA1 * mp[i] + (1 - BETA1) * g[i];
        vp[i] = BETA2 * vp[i] + (1 - BETA2) * g[i] * g[i];
        double mHat = mp[i] / (1 - Math.pow(BETA1, t));
        double vHat = vp[i] / (1 - Math.pow(BETA2, t));
        wp[i] -= LR * mHat / (Math.sqrt(vHat) + EPS / Math.sqrt(1 - Math.pow(BETA2, t)));
      }
    }
    for (int i = 0; i < n; i++) {
      assertEquals(wp[i], w[i], 1e-14, "w[" + i + "]");
      assertEquals(mp[i], m[i], 1e-15, "m[" + i + "]");
      assertEquals(vp[i], v[i], 1e-15, "v[" + i + "]");
    }
  }

  @Test
  void stepIndexDrivesTheBiasCorrection() {
    var adam = new AdamUpdate(BETA1, BETA2, EPS, false);
    double[] w1 = {1};
    double[] w3 = {1};
    adam.apply(w1, new double[] {0.5}, new double[][] {{0}, {0}}, LR, 1);
    adam.apply(w3, new double[] {0.5}, new double[][] {{0}, {0}}, LR, 3);
    assertNotEquals(w1[0], w3[0]);
    var e = assertThrows(IllegalArgumentException.class,
        () -> adam.apply(w1, new double[1], new double[][] {new double[1], new double[1]}, LR, 0));
    assertEquals("Adam: the step index t is 1-based, got 0", e.getMessage());
  }

  @Test
  void amsgradDividesByTheLargestSecondMomentSoFar() {
    // As stepTwoFromWarmMomentsByHand (α = 0.4, m = {0.75, −1}, v = {1, 4}) with v̂₀ = {2, 1}: v̂ = max(v̂₀, v) =
    // {2, 4} — the first element keeps its old maximum although v is now 1 — and w −= m·α/(√v̂ + ε).
    double[] w = {1, 1};
    double[] m = {0.5, 0};
    double[] v = {1, 4};
    double[] vHat = {2, 1};
    new AdamUpdate(0.5, 0.8, 0.5, true).apply(w, new double[] {1, -2}, new double[][] {m, v, vHat}, 0.5, 2);
    assertArrayEquals(new double[] {0.75, -1}, m);
    assertArrayEquals(new double[] {1, 4}, v);
    assertArrayEquals(new double[] {2, 4}, vHat);
    assertArrayEquals(new double[] {1 - 0.3 / (Math.sqrt(2) + 0.5), 1.16}, w, 1e-15);
  }

  @Test
  void slotsAreMThenVThenVHatWithAmsgrad() {
    assertEquals(List.of("m", "v"), new AdamUpdate(BETA1, BETA2, EPS, false).slotNames());
    assertEquals(List.of("m", "v", "v_hat"), new AdamUpdate(BETA1, BETA2, EPS, true).slotNames());
    var e = assertThrows(IllegalArgumentException.class, () -> new AdamUpdate(BETA1, BETA2, EPS, true)
        .apply(new double[1], new double[1], new double[][] {{0}, {0}}, LR, 1));
    assertEquals("Adam (AMSGrad) keeps 3 slots [m, v, v_hat], got 2 slot arrays", e.getMessage());
  }
}
