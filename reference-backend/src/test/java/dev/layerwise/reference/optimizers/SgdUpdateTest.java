package dev.layerwise.reference.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SgdUpdateTest {

  @Test
  void oneStepByHand() {
    // w − g·η with η = 0.5 (a power of two, so the expected values are exact)
    double[] w = {1, -2, 0.25};
    new SgdUpdate().apply(w, new double[] {0.5, -0.25, 0}, new double[0][], 0.5, 1);
    assertArrayEquals(new double[] {0.75, -1.875, 0.25}, w);
  }

  @Test
  void keepsNoState() {
    assertEquals(0, new SgdUpdate().slotNames().size());
    var e = assertThrows(IllegalArgumentException.class,
        () -> new SgdUpdate().apply(new double[1], new double[1], new double[1][1], 0.1, 1));
    assertEquals("SGD keeps no slots, got 1", e.getMessage());
  }
}
