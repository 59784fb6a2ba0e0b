package dev.layerwise.reference.losses;

import static dev.layerwise.reference.RefGradientCheck.assertAllClose;
import static dev.layerwise.reference.RefGradientCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KLDivergenceEquationsTest {
  private final KLDivergenceEquations kld = new KLDivergenceEquations(3);

  @Test
  void kerasUnweightedCase() {
    // losses_test.py KLDivergenceTest.test_unweighted: Σ y log(y/p) / 2 (rows that do not sum to 1, as Keras's);
    // row sums 0.01734535 and 1.17480233, computed separately in numpy
    double[] p = {0.4, 0.9, 0.12, 0.36, 0.3, 0.4};
    double[] y = {0.5, 0.8, 0.12, 0.7, 0.43, 0.8};
    assertEquals(0.59607384, kld.loss(p, y), 1e-8);
    // ∂L/∂p = −y / p / 2
    assertAllClose("dL/dp", new double[] {-0.625, -0.4444444444, -0.5, -0.9722222222, -0.7166666667, -1},
        kld.gradient(p, y), 1e-9, 0);
  }

  @Test
  void bothArgumentsAreClippedToEpsilonAndOne() {
    // row 1: y = [0, 0.5, 0.5] meets p = [0, 0.5, 0.5]: both zeros clip to ε, ε·log(ε/ε) = 0, total 0.
    // row 2: y = [1, 0, 1], p = [2e−8, 1, 0.25]: log(1/ε) + ε·log(ε/1) + log 4 = 17.5043884
    double[] p = {0, 0.5, 0.5, 2e-8, 1, 0.25};
    double[] y = {0, 0.5, 0.5, 1, 0, 1};
    assertEquals(17.5043884 / 2, kld.loss(p, y), 1e-7);
    // below ε the clip is flat (0); at p = 1 the gradient passes with the clipped target ε
    assertAllClose("dL/dp", new double[] {0, -0.5, -0.5, 0, -0.5e-7, -2}, kld.gradient(p, y), 1e-15, 0);
  }

  @Test
  void predictionsAboveOneAreClippedToo() {
    assertEquals(0.0, kld.loss(new double[] {1.5, 0.5, 0.5}, new double[] {1, 0.5, 0.5}), 1e-15);
    assertEquals(0.0, kld.gradient(new double[] {1.5, 0.5, 0.5}, new double[] {1, 0.5, 0.5})[0]);
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    Random r = new Random(45);
    LossChecks.checkGradient("kld", new KLDivergenceEquations(4), uniform(r, 12, 0.05, 0.95),
        uniform(r, 12, 0, 1));
  }

  @Test
  void refusesShapesThatDoNotFit() {
    var e = assertThrows(IllegalArgumentException.class, () -> kld.loss(new double[4], new double[4]));
    assertEquals("kl_divergence: output of 4 values is not a whole number of rows of 3 classes", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> kld.loss(new double[3], new double[6]));
    assertEquals("kl_divergence: labels must have the output's 3 values, got 6", e.getMessage());
  }
}
