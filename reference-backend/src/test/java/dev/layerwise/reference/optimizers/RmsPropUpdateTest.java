package dev.layerwise.reference.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One step from warm slots, worked by hand with η = ρ = μ = 0.5 and ε = 0.25 (inside the root), chosen so the roots
 * come out whole: w₀ = {1, 2}, g = {1, 3}, ms₀ = {0.5, 3}, mom₀ = {0.25, −0.5}, mg₀ = {−1, 0}.
 */
class RmsPropUpdateTest {
  private static final double LR = 0.5;

  @Test
  void plainStepByHand() {
    double[] w = {1, 2};
    double[] ms = {0.5, 3};
    double[] mom = {0.25, -0.5};
    new RmsPropUpdate(0.5, 0.5, 0.25, false).apply(w, new double[] {1, 3}, new double[][] {ms, mom}, LR, 4);
    // ms = ms + (g² − ms)(1 − ρ) = {0.5 + 0.25, 3 + 3} = {0.75, 6}; √(ms + ε) = {1, 2.5}
    assertArrayEquals(new double[] {0.75, 6}, ms);
    // mom = mom·μ + g·η/√(ms + ε) = {0.125 + 0.5, −0.25 + 1.5/2.5} = {0.625, 0.35}; w −= mom
    assertArrayEquals(new double[] {0.625, 0.35}, mom, 1e-16);
    assertArrayEquals(new double[] {0.375, 1.65}, w, 1e-15);
  }

  @Test
  void centeredStepByHand() {
    double[] w = {1, 2};
    double[] ms = {0.5, 3};
    double[] mom = {0.25, -0.5};
    double[] mg = {-1, 0};
    new RmsPropUpdate(0.5, 0.5, 0.25, true).apply(w, new double[] {1, 3}, new double[][] {ms, mom, mg}, LR, 4);
    // ms as plain {0.75, 6}; mg = mg + (g − mg)(1 − ρ) = {−1 + 1, 0 + 1.5} = {0, 1.5};
    // √((ms − mg²) + ε) = {√1, √(6 − 2.25 + 0.25)} = {1, 2}
    assertArrayEquals(new double[] {0.75, 6}, ms);
    assertArrayEquals(new double[] {0, 1.5}, mg);
    // mom = {0.125 + 0.5, −0.25 + 1.5/2} = {0.625, 0.5}: the second weight, whose gradient has a non-zero mean,
    // takes a larger step than plain RMSprop's 0.35
    assertArrayEquals(new double[] {0.625, 0.5}, mom);
    assertArrayEquals(new double[] {0.375, 1.5}, w);
  }

  @Test
  void slotsInTheApisOrder() {
    assertEquals(List.of("rms", "momentum"), new RmsPropUpdate(0.9, 0, 1e-7, false).slotNames());
    assertEquals(List.of("rms", "momentum", "mg"), new RmsPropUpdate(0.9, 0, 1e-7, true).slotNames());
  }
}
