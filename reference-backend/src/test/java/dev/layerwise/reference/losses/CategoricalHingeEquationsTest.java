package dev.layerwise.reference.losses;

import static dev.layerwise.reference.RefGradientCheck.assertAllClose;
import static dev.layerwise.reference.RefGradientCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CategoricalHingeEquationsTest {
  private final CategoricalHingeEquations hinge2 = new CategoricalHingeEquations(2);
  private final CategoricalHingeEquations hinge3 = new CategoricalHingeEquations(3);

  @Test
  void kerasUnweightedCase() {
    // losses_test.py CategoricalHingeTest.test_unweighted: per-sample [1.2, 1.6], mean 1.4.
    // Row 1: pos 0.4, neg max(0.6, 0) = 0.6 → 1.2. Row 2 (all-zero labels): pos 0, neg 0.6 → 1.6.
    double[] p = {0.6, 0.4, 0.4, 0.6};
    double[] y = {0, 1, 0, 0};
    assertEquals(1.4, hinge2.loss(p, y), 1e-15);
    // the max picks class 0 in row 1 and class 1 in row 2; the true class pulls down; /2 rows
    assertAllClose("dL/dp", new double[] {0.5, -0.5, 0, 0.5}, hinge2.gradient(p, y), 1e-15, 0);
  }

  @Test
  void tiedMaximaShareTheSubgradient() {
    // y = [1, 0, 0], p = [0.2, 0.7, 0.7]: m = 0.7 − 0.2 + 1 = 1.5, two tied maxima take ½ each
    double[] p = {0.2, 0.7, 0.7};
    double[] y = {1, 0, 0};
    assertEquals(1.5, hinge3.loss(p, y), 1e-15);
    assertAllClose("dL/dp", new double[] {-1, 0.5, 0.5}, hinge3.gradient(p, y), 0, 0);
  }

  @Test
  void aSatisfiedMarginGivesNothingAndTheEdgeCountsAsActive() {
    double[] y = {1, 0, 0};
    // m = 1 − 3 + 1 = −1: no loss, no gradient
    assertEquals(0.0, hinge3.loss(new double[] {3, 0.5, 1}, y));
    assertAllClose("dL/dp at m < 0", new double[3], hinge3.gradient(new double[] {3, 0.5, 1}, y), 0, 0);
    // m = 1 − 2 + 1 = 0 exactly: no loss, but the gradient passes (TF's Maximum takes x ≥ y)
    assertEquals(0.0, hinge3.loss(new double[] {2, 1, 0}, y));
    assertAllClose("dL/dp at m = 0", new double[] {-1, 1, 0}, hinge3.gradient(new double[] {2, 1, 0}, y), 0, 0);
  }

  @Test
  void theTrueClassEntersTheMaxAsZero() {
    // other scores all negative: neg = 0 from the true class (weight 1 − y = 0), so only the true class moves
    double[] p = {0.5, -1, -2};
    double[] y = {1, 0, 0};
    assertEquals(0.5, hinge3.loss(p, y), 1e-15);
    assertAllClose("dL/dp", new double[] {-1, 0, 0}, hinge3.gradient(p, y), 0, 0);
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    Random r = new Random(47);
    double[] y = new double[16];
    for (int row = 0; row < 4; row++) {
      y[row * 4 + r.nextInt(4)] = 1;
    }
    LossChecks.checkGradient("hinge", new CategoricalHingeEquations(4), uniform(r, 16, -1, 1), y);
  }

  @Test
  void refusesShapesThatDoNotFit() {
    var e = assertThrows(IllegalArgumentException.class, () -> hinge3.loss(new double[4], new double[4]));
    assertEquals("categorical_hinge: output of 4 values is not a whole number of rows of 3 classes",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> hinge3.gradient(new double[3], new double[6]));
    assertEquals("categorical_hinge: labels must have the output's 3 values, got 6", e.getMessage());
  }
}
