package dev.layerwise.reference.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** η = μ = 0.5 and dyadic numbers throughout, so every expected value is exact. */
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
  void momentumTwoStepsFromAWarmVelocity() {
    double[] w = {1, -2};
    double[] a = {0.5, 1};
    var sgd = new SgdUpdate(MU, false);
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
  void nesterovTwoStepsFromAWarmVelocity() {
    double[] w = {1, -2};
    double[] a = {0.5, 1};
    var sgd = new SgdUpdate(MU, true);
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
  void fromRestNesterovStepsFurtherThanPlainMomentum() {
    // a = g on the first step: plain momentum moves by g·η, Nesterov by g·η + g·μ·η = g·η·(1 + μ)
    double[] plain = {1};
    double[] nesterov = {1};
    new SgdUpdate(MU, false).apply(plain, new double[] {1}, new double[][] {{0}}, LR, 1);
    new SgdUpdate(MU, true).apply(nesterov, new double[] {1}, new double[][] {{0}}, LR, 1);
    assertEquals(0.5, plain[0]);
    assertEquals(0.25, nesterov[0]);
  }

  @Test
  void aVelocitySlotOnlyWithMomentum() {
    assertEquals(List.of(), SgdUpdate.plain().slotNames());
    assertEquals(List.of("momentum"), new SgdUpdate(0.9, false).slotNames());
    assertEquals(List.of("momentum"), new SgdUpdate(0.9, true).slotNames());
    var e = assertThrows(IllegalArgumentException.class,
        () -> SgdUpdate.plain().apply(new double[1], new double[1], new double[1][1], 0.1, 1));
    assertEquals("SGD keeps no slots, got 1 slot arrays", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new SgdUpdate(0.9, false).apply(new double[2], new double[2], new double[][] {{0}}, 0.1, 1));
    assertEquals("SGD: slot 'momentum' must have the weight's 2 values, got 1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new SgdUpdate(0, true));
    assertEquals("SGD: Nesterov momentum needs a momentum in (0, 1), got 0", e.getMessage());
  }
}
