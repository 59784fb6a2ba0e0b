package dev.layerwise.reference.optimizers;

import static dev.layerwise.optimizers.UpdateFormula.KERAS;
import static dev.layerwise.optimizers.UpdateFormula.TF_OP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** η = μ = 0.5 and dyadic numbers where the values are worked by hand, so every expected value is exact. */
class SgdUpdateTest {
  private static final double LR = 0.5;
  private static final double MU = 0.5;

  @Test
  void plainStepByHand() {
    // w − g·η
    double[] w = {1, -2, 0.25};
    SgdUpdate.plain().apply(w, new double[] {0.5, -0.25, 0}, new double[0][], LR, 1);
    assertArrayEquals(new double[] {0.75, -1.875, 0.25}, w);
  }

  @Test
  void kerasMomentumTwoStepsFromAWarmVelocity() {
    double[] w = {1, -2};
    double[] v = {0.5, 1};
    var sgd = new SgdUpdate(MU, false, KERAS);
    // v = v·μ − g·η = {0.25 − 0.125, 0.5 + 0.5} = {0.125, 1}; w += v
    sgd.apply(w, new double[] {0.25, -1}, new double[][] {v}, LR, 2);
    assertArrayEquals(new double[] {0.125, 1}, v);
    assertArrayEquals(new double[] {1.125, -1}, w);
    // v = {0.0625 − 0.5, 0.5 − 0} = {−0.4375, 0.5}; w += v
    sgd.apply(w, new double[] {1, 0}, new double[][] {v}, LR, 3);
    assertArrayEquals(new double[] {-0.4375, 0.5}, v);
    assertArrayEquals(new double[] {0.6875, -0.5}, w);
  }

  @Test
  void kerasNesterovTwoStepsFromAWarmVelocity() {
    double[] w = {1, -2};
    double[] v = {0.5, 1};
    var sgd = new SgdUpdate(MU, true, KERAS);
    // v as for plain momentum = {0.125, 1}; w += v·μ − g·η = {0.0625 − 0.125, 0.5 + 0.5}
    sgd.apply(w, new double[] {0.25, -1}, new double[][] {v}, LR, 2);
    assertArrayEquals(new double[] {0.125, 1}, v);
    assertArrayEquals(new double[] {0.9375, -1}, w);
    // v = {−0.4375, 0.5}; w += {−0.21875 − 0.5, 0.25 − 0}
    sgd.apply(w, new double[] {1, 0}, new double[][] {v}, LR, 3);
    assertArrayEquals(new double[] {-0.4375, 0.5}, v);
    assertArrayEquals(new double[] {0.21875, -0.75}, w);
  }

  @Test
  void applyMomentumTwoStepsFromAWarmAccumulator() {
    double[] w = {1, -2};
    double[] a = {0.5, 1};
    var sgd = new SgdUpdate(MU, false, TF_OP);
    // a = a·μ + g = {0.25 + 0.25, 0.5 − 1} = {0.5, −0.5}; w −= a·η = {1 − 0.25, −2 + 0.25}
    sgd.apply(w, new double[] {0.25, -1}, new double[][] {a}, LR, 2);
    assertArrayEquals(new double[] {0.5, -0.5}, a);
    assertArrayEquals(new double[] {0.75, -1.75}, w);
    // a = {0.25 + 1, −0.25 + 0} = {1.25, −0.25}; w −= {0.625, −0.125}
    sgd.apply(w, new double[] {1, 0}, new double[][] {a}, LR, 3);
    assertArrayEquals(new double[] {1.25, -0.25}, a);
    assertArrayEquals(new double[] {0.125, -1.625}, w);
  }

  @Test
  void applyMomentumNesterovTwoStepsFromAWarmAccumulator() {
    double[] w = {1, -2};
    double[] a = {0.5, 1};
    var sgd = new SgdUpdate(MU, true, TF_OP);
    // a as for plain momentum = {0.5, −0.5}; w −= g·η + a·μ·η = {0.125 + 0.125, −0.5 − 0.125}
    sgd.apply(w, new double[] {0.25, -1}, new double[][] {a}, LR, 2);
    assertArrayEquals(new double[] {0.5, -0.5}, a);
    assertArrayEquals(new double[] {0.75, -1.375}, w);
    // a = {1.25, −0.25}; w −= {0.5 + 0.3125, 0 − 0.0625}
    sgd.apply(w, new double[] {1, 0}, new double[][] {a}, LR, 3);
    assertArrayEquals(new double[] {1.25, -0.25}, a);
    assertArrayEquals(new double[] {-0.0625, -1.3125}, w);
  }

  @Test
  void fromRestNesterovStepsFurtherThanPlainMomentumInBothForms() {
    // The first velocity is −g·η (Keras) or g (TF): plain momentum moves by g·η, Nesterov by g·η·(1 + μ)
    for (var formula : List.of(KERAS, TF_OP)) {
      double[] plain = {1};
      double[] nesterov = {1};
      new SgdUpdate(MU, false, formula).apply(plain, new double[] {1}, new double[][] {{0}}, LR, 1);
      new SgdUpdate(MU, true, formula).apply(nesterov, new double[] {1}, new double[][] {{0}}, LR, 1);
      assertEquals(0.5, plain[0], formula.name());
      assertEquals(0.25, nesterov[0], formula.name());
    }
  }

  @Test
  void underAConstantRateTheTwoFormsTakeTheSameStepsWithVEqualToMinusEtaTimesA() {
    Random r = new Random(7);
    for (boolean nesterov : new boolean[] {false, true}) {
      double[] wKeras = {0.3, -0.7, 1.1};
      double[] wTf = wKeras.clone();
      double[] v = new double[3];
      double[] a = new double[3];
      for (int t = 1; t <= 6; t++) {
        double[] g = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
        new SgdUpdate(0.9, nesterov, KERAS).apply(wKeras, g, new double[][] {v}, 0.05, t);
        new SgdUpdate(0.9, nesterov, TF_OP).apply(wTf, g, new double[][] {a}, 0.05, t);
        for (int i = 0; i < 3; i++) {
          assertEquals(wTf[i], wKeras[i], 1e-14, "w, Nesterov " + nesterov + ", t " + t);
          assertEquals(-0.05 * a[i], v[i], 1e-14, "v = −η·a, Nesterov " + nesterov + ", t " + t);
        }
      }
    }
  }

  @Test
  void whenTheRateDropsKerasKeepsTheOldRateInTheVelocity() {
    // L = (w − 1)², g = 2(w − 1), w from 0, μ 0.9, η 0.1 for update 1 and 0.01 for update 2 (docs/optimizers.md):
    // update 1 in both forms: w = 0.2. Update 2, g = −1.6: Keras v = 0.9·0.2 − 0.01·(−1.6) = 0.196, w = 0.396;
    // TF a = 0.9·(−2) − 1.6 = −3.4, w = 0.2 − 0.01·(−3.4) = 0.234.
    double[] keras = {0};
    double[] tf = {0};
    double[][] v = {{0}};
    double[][] a = {{0}};
    for (int t = 1; t <= 2; t++) {
      double lr = t == 1 ? 0.1 : 0.01;
      new SgdUpdate(0.9, false, KERAS).apply(keras, new double[] {2 * (keras[0] - 1)}, v, lr, t);
      new SgdUpdate(0.9, false, TF_OP).apply(tf, new double[] {2 * (tf[0] - 1)}, a, lr, t);
    }
    assertEquals(0.396, keras[0], 1e-15);
    assertEquals(0.234, tf[0], 1e-15);
  }

  @Test
  void nesterovWithoutMomentumIsPlainDescentAsInKeras() {
    double[] w = {1, -2};
    new SgdUpdate(0, true, KERAS).apply(w, new double[] {0.5, -0.25}, new double[0][], LR, 1);
    assertArrayEquals(new double[] {0.75, -1.875}, w);
  }

  @Test
  void aVelocitySlotOnlyWithMomentum() {
    assertEquals(List.of(), SgdUpdate.plain().slotNames());
    assertEquals(List.of(), new SgdUpdate(0, true, KERAS).slotNames());
    assertEquals(List.of("momentum"), new SgdUpdate(0.9, false, KERAS).slotNames());
    assertEquals(List.of("momentum"), new SgdUpdate(0.9, true, TF_OP).slotNames());
    var e = assertThrows(IllegalArgumentException.class,
        () -> SgdUpdate.plain().apply(new double[1], new double[1], new double[1][1], 0.1, 1));
    assertEquals("SGD keeps no slots, got 1 slot arrays", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new SgdUpdate(0.9, false, KERAS).apply(new double[2], new double[2], new double[][] {{0}}, 0.1, 1));
    assertEquals("SGD: slot 'momentum' must have the weight's 2 values, got 1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new SgdUpdate(1.5, false, KERAS));
    assertEquals("SGD: momentum must be in [0, 1], got 1.5", e.getMessage());
  }
}
