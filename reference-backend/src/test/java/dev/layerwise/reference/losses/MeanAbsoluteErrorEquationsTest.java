package dev.layerwise.reference.losses;

import static dev.layerwise.reference.RefGradientCheck.assertAllClose;
import static dev.layerwise.reference.RefGradientCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MeanAbsoluteErrorEquationsTest {
  private final MeanAbsoluteErrorEquations mae = new MeanAbsoluteErrorEquations();

  @Test
  void kerasUnweightedCase() {
    // losses_test.py MeanAbsoluteErrorTest.test_unweighted: |errors| 3, 1, 10, 13, 3, 3 → 33 / 6
    double[] y = {1, 9, 2, -5, -2, 6};
    double[] p = {4, 8, 12, 8, 1, 3};
    assertEquals(5.5, mae.loss(p, y), 1e-15);
    // test_all_correct_unweighted: predictions equal to the labels give 0
    assertEquals(0.0, mae.loss(y, y));
  }

  @Test
  void kerasDocstringExample() {
    // losses.py MeanAbsoluteError docstring: (0.9 + 0 + 0.8) / 3
    assertEquals(0.5666667, mae.loss(new double[] {1.9, 0.3, 1.8}, new double[] {1.0, 0.3, 1.0}), 1e-7);
  }

  @Test
  void gradientIsTheSignOverTheElementCountWithZeroAtTheKink() {
    // errors +3, −1, 0, −13 over 4 elements; sign(0) = 0, as TF's Abs gradient
    double[] g = mae.gradient(new double[] {4, 8, 2, -5}, new double[] {1, 9, 2, 8});
    assertAllClose("dL/dp", new double[] {0.25, -0.25, 0, -0.25}, g, 0, 0);
  }

  @Test
  void gradientMatchesFiniteDifferencesAwayFromTheKink() {
    Random r = new Random(41);
    LossChecks.checkGradient("mae", mae, uniform(r, 12, -2, 2), uniform(r, 12, -2, 2));
  }

  @Test
  void refusesMismatchedLabels() {
    var e = assertThrows(IllegalArgumentException.class, () -> mae.loss(new double[4], new double[3]));
    assertEquals("mean_absolute_error: labels must have the output's 4 values, got 3", e.getMessage());
  }
}
