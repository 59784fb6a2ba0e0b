package dev.layerwise.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The difference quotient on functions whose slopes are known in closed form, smooth and kinked. */
class CentralDifferenceTest {
  private static final double H = 1e-5;
  private static final double RTOL = 1e-6;

  @Test
  void aSmoothFunctionAgreesAtTheFirstStep() {
    // φ(t) = sin(1 + t)·e^t, φ′(0) = cos 1 + sin 1
    double exact = Math.cos(1) + Math.sin(1);
    CentralDifference.Result r = CentralDifference.slope(t -> Math.sin(1 + t) * Math.exp(t), exact, 1, H, RTOL);
    assertTrue(r.agrees());
    assertEquals(0, r.retries());
    assertEquals(exact, r.numeric(), 1e-9);
  }

  @Test
  void aWrongSlopeOfASmoothFunctionFailsWithoutRetrying() {
    double exact = Math.cos(1) + Math.sin(1);
    CentralDifference.Result r = CentralDifference.slope(t -> Math.sin(1 + t) * Math.exp(t), 2 * exact, 1, H, RTOL);
    assertFalse(r.agrees());
    assertFalse(r.kinkAtPoint(), "a smooth function has no kink to blame");
    assertEquals(0, r.retries());
  }

  @Test
  void aKinkCrossedByTheStepIsSteppedPast() {
    // φ(t) = 0.5·t + 3·max(0, t − 4e-6): slope 0.5 at 0, a kink 4e-6 away (inside the first step of 1e-5)
    CentralDifference.Result r = CentralDifference.slope(t -> 0.5 * t + 3 * Math.max(0, t - 4e-6), 0.5, 0.5, H,
        RTOL);
    assertTrue(r.agrees(), r.toString());
    assertEquals(1, r.retries());
    assertEquals(H / 10, r.step(), 1e-20);
    assertEquals(0.5, r.numeric(), 1e-9);
  }

  @Test
  void aKinkAtThePointItselfIsReportedNotFailed() {
    // |t| has no derivative at 0; a backward pass says 1 (one side), central differences say 0
    CentralDifference.Result r = CentralDifference.slope(Math::abs, 1, 1, H, RTOL);
    assertFalse(r.agrees());
    assertTrue(r.kinkAtPoint());
    assertEquals(CentralDifference.MAX_RETRIES, r.retries());
  }

  @Test
  void aWrongSlopeBeyondAKinkStillFails() {
    // the kink is stepped past, then the wrong slope (1 instead of 0.5) shows
    CentralDifference.Result r = CentralDifference.slope(t -> 0.5 * t + 3 * Math.max(0, t - 4e-6), 1, 1, H, RTOL);
    assertFalse(r.agrees());
    assertFalse(r.kinkAtPoint());
  }
}
