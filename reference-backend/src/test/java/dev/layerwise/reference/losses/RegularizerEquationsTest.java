package dev.layerwise.reference.losses;

import static dev.layerwise.reference.RefGradientCheck.assertAllClose;
import static dev.layerwise.reference.RefGradientCheck.assertGradient;
import static dev.layerwise.reference.RefGradientCheck.awayFromZero;
import static dev.layerwise.reference.RefGradientCheck.centralDifference;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.layerwise.regularizers.Regularizer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RegularizerEquationsTest {
  private static final double[] W = {0.5, -2, 0, 1.5};

  @Test
  void l1ValueAndGradientWithSignOfZeroZero() {
    var r = RegularizerEquations.of(Regularizer.l1(0.1));
    assertEquals(0.1 * (0.5 + 2 + 0 + 1.5), r.penalty(W), 1e-15);
    assertArrayEquals(new double[] {0.1, -0.1, 0, 0.1}, r.gradient(W));
  }

  @Test
  void l2ValueAndGradientWithoutAHalf() {
    var r = RegularizerEquations.of(Regularizer.l2(0.01));
    assertEquals(0.01 * (0.25 + 4 + 0 + 2.25), r.penalty(W), 1e-15);
    assertAllClose("dR", new double[] {2 * 0.01 * 0.5, 2 * 0.01 * -2, 0, 2 * 0.01 * 1.5}, r.gradient(W), 0, 1e-15);
  }

  @Test
  void elasticNetIsTheSum() {
    var r = RegularizerEquations.of(Regularizer.l1l2(0.1, 0.01));
    assertEquals(0.1 * 4 + 0.01 * 6.5, r.penalty(W), 1e-15);
    assertAllClose("dR", new double[] {0.1 + 0.01, -0.1 - 0.04, 0, 0.1 + 0.03}, r.gradient(W), 0, 1e-15);
  }

  @Test
  void gradientMatchesFiniteDifferencesAwayFromZero() {
    var r = RegularizerEquations.of(Regularizer.l1l2(0.3, 0.2));
    double[] w = awayFromZero(new Random(151), 20, 0.1, 2);
    assertGradient("L1L2", centralDifference(w.clone(), r::penalty), r.gradient(w));
  }
}
