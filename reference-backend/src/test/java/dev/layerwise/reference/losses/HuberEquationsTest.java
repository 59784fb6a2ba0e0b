package dev.layerwise.reference.losses;

import static dev.layerwise.reference.RefGradientCheck.assertAllClose;
import static dev.layerwise.reference.RefGradientCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HuberEquationsTest {
  /** Keras's HuberLossTest data: errors −0.1, 0.2, −0.8, −0.2, 0.4, 0.6. */
  private static final double[] PRED = {0.9, 0.2, 0.2, 0.8, 0.4, 0.6};
  private static final double[] TRUE = {1, 0, 1, 1, 0, 0};

  @Test
  void kerasUnweightedCase() {
    // losses_test.py HuberLossTest.test_unweighted: every |e| ≤ 1, so ½ Σ e² / 6 = ½ · 1.25 / 6
    assertEquals(0.1041667, new HuberEquations(1).loss(PRED, TRUE), 1e-7);
    // test_non_default_delta (δ = 0.8): |−0.8| ≤ 0.8 is still quadratic (Keras's ≤), so the same value
    assertEquals(0.1041667, new HuberEquations(0.8).loss(PRED, TRUE), 1e-7);
    // test_all_correct
    assertEquals(0.0, new HuberEquations(1).loss(TRUE, TRUE));
  }

  @Test
  void kerasDocstringExample() {
    // losses.py huber docstring: errors 0.6, −0.6, 0.4, 0.6 → ½ (0.36 + 0.36 + 0.16 + 0.36) / 4
    assertEquals(0.155, new HuberEquations(1).loss(new double[] {0.6, 0.4, 0.4, 0.6}, new double[] {0, 1, 0, 0}),
        1e-12);
  }

  @Test
  void linearBeyondDeltaByHand() {
    // δ = 0.5: |−0.8| and |0.6| are linear (0.5·0.8 − 0.125 = 0.275, 0.5·0.6 − 0.125 = 0.175), the rest
    // quadratic (0.005, 0.02, 0.02, 0.08): 0.575 / 6
    HuberEquations h = new HuberEquations(0.5);
    assertEquals(0.575 / 6, h.loss(PRED, TRUE), 1e-15);
    // h′ = e inside, ±δ outside, over the 6 elements
    assertAllClose("dL/dp", new double[] {-0.1 / 6, 0.2 / 6, -0.5 / 6, -0.2 / 6, 0.4 / 6, 0.5 / 6},
        h.gradient(PRED, TRUE), 1e-15, 0);
  }

  @Test
  void bothPiecesMeetAtDelta() {
    // |e| = δ exactly: value ½δ², slope δ, from either side
    HuberEquations h = new HuberEquations(0.5);
    assertEquals(0.125, h.loss(new double[] {1.5}, new double[] {1}), 1e-15);
    assertEquals(0.5, h.gradient(new double[] {1.5}, new double[] {1})[0], 1e-15);
    assertEquals(-0.5, h.gradient(new double[] {0.5}, new double[] {1})[0], 1e-15);
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    Random r = new Random(43);
    LossChecks.checkGradient("huber", new HuberEquations(0.7), uniform(r, 12, -2, 2), uniform(r, 12, -2, 2));
  }

  @Test
  void refusesBadDeltaAndMismatchedLabels() {
    var e = assertThrows(IllegalArgumentException.class, () -> new HuberEquations(0));
    assertEquals("huber: delta must be positive and finite, got 0.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new HuberEquations(1).loss(new double[2], new double[3]));
    assertEquals("huber: labels must have the output's 2 values, got 3", e.getMessage());
  }
}
