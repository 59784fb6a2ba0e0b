package dev.layerwise.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The penalty's share at initialisation, on the numbers of the calibration: Σw² ≈ 575 for the 784→256→128→10
 * Glorot MLP, data loss ln 10.
 */
class PenaltyShareTest {
  private static final double SUM_OF_SQUARES = 575;

  private static Verdict withL2(double lambda) {
    return PenaltyShare.judge(Math.log(10), lambda * SUM_OF_SQUARES).verdict();
  }

  @Test
  void theStrengthDecidesNotTheRise() {
    assertEquals(Verdict.PASS, withL2(1e-4), "2.4%");
    assertEquals(Verdict.PASS, withL2(5e-4), "11%");
    assertEquals(Verdict.WARN, withL2(2e-3), "33%");
    assertEquals(Verdict.FAIL, withL2(1e-2), "71%: Keras's default l2() over 200,000 weights");
    assertEquals(Verdict.PASS, PenaltyShare.judge(2.3, 0).verdict(), "no penalty");
  }
}
