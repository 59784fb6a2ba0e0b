package dev.layerwise.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactSumTest {
  private static double sum(double... terms) {
    ExactSum s = new ExactSum();
    for (double t : terms) {
      s.add(t);
    }
    return s.value();
  }

  @Test
  void cancellationLosesNothing() {
    // plain addition gives 0 for the first two (1 is absorbed by 1e16), 2 for the third
    assertEquals(1.0, sum(1e16, 1, -1e16));
    assertEquals(1e-16, sum(1, 1e-16, -1));
    // the doubles nearest 0.1, 0.2 and 0.3 sum to exactly 2^-55; plain addition gives 2^-54
    assertEquals(0x1p-55, sum(0.1, 0.2, -0.3));
  }

  @Test
  void halfEvenRoundingAcrossPartials() {
    // Python's fsum example: the 1e-16 makes 1 + 1e16 round up to …02 instead of down
    assertEquals(10000000000000002.0, sum(1e-16, 1, 1e16));
  }

  @Test
  void theValueDoesNotDependOnOrderOrSplitting() {
    Random r = new Random(7);
    List<Double> terms = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      terms.add(Math.pow(10, r.nextInt(20) - 10) * (r.nextDouble() - 0.5));
    }
    ExactSum forward = new ExactSum();
    terms.forEach(forward::add);
    Collections.shuffle(terms, r);
    ExactSum a = new ExactSum();
    ExactSum b = new ExactSum();
    for (int i = 0; i < terms.size(); i++) {
      (i % 3 == 0 ? a : b).add(terms.get(i));
    }
    a.addAll(b);
    assertEquals(forward.value(), a.value(), 0.0);
  }

  @Test
  void infinitiesAndNaNsWin() {
    assertEquals(Double.POSITIVE_INFINITY, sum(1, Double.POSITIVE_INFINITY, -1e300));
    assertTrue(Double.isNaN(sum(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)));
    assertTrue(Double.isNaN(sum(1, Double.NaN)));
  }
}
