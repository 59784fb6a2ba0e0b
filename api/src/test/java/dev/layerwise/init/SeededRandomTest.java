package dev.layerwise.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeededRandomTest {

  @Test
  void theSameSeedGivesTheSameSequence() {
    SeededRandom a = new SeededRandom(123);
    SeededRandom b = new SeededRandom(123);
    for (int i = 0; i < 100; i++) {
      assertEquals(a.nextUniform(), b.nextUniform(), 0.0);
      assertEquals(a.nextGaussian(), b.nextGaussian(), 0.0);
      assertEquals(a.nextInt(17), b.nextInt(17));
    }
  }

  @Test
  void anotherSeedGivesAnotherSequence() {
    assertNotEquals(new SeededRandom(1).nextUniform(), new SeededRandom(2).nextUniform());
  }

  @Test
  void uniformDrawsStayInTheirRange() {
    SeededRandom r = new SeededRandom(3);
    double sum = 0;
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      double u = r.nextUniform();
      assertTrue(u >= 0 && u < 1, "" + u);
      double v = r.nextUniform(-2, 6);
      assertTrue(v >= -2 && v < 6, "" + v);
      sum += v;
    }
    assertEquals(2.0, sum / n, 0.03, "mean of U(-2, 6)");
  }

  @Test
  void nextIntCoversItsBound() {
    SeededRandom r = new SeededRandom(4);
    int[] counts = new int[5];
    for (int i = 0; i < 50_000; i++) {
      counts[r.nextInt(5)]++;
    }
    for (int c : counts) {
      assertEquals(10_000, c, 400);
    }
  }

  @Test
  void gaussianDrawsHaveStandardNormalMoments() {
    SeededRandom r = new SeededRandom(5);
    int n = 200_000;
    double[] v = new double[n];
    int withinOneSigma = 0;
    for (int i = 0; i < n; i++) {
      v[i] = r.nextGaussian();
      withinOneSigma += Math.abs(v[i]) < 1 ? 1 : 0;
    }
    Moments m = Moments.of(v);
    assertEquals(0, m.mean(), 0.01);
    assertEquals(1, m.variance(), 0.02);
    // P(|z| < 1) = 0.6827
    assertEquals(0.6827, withinOneSigma / (double) n, 0.005);
  }

  @Test
  void consecutiveGaussianPairsAreUncorrelated() {
    // Box–Muller hands out its draws in pairs (cos, sin); the pair must not be correlated.
    SeededRandom r = new SeededRandom(6);
    int n = 100_000;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += r.nextGaussian() * r.nextGaussian();
    }
    assertEquals(0, sum / n, 0.015);
  }

  @Test
  void deriveIsStableForASeedAndLabel() {
    assertEquals(SeededRandom.derive(42, "dense/kernel"), SeededRandom.derive(42, "dense/kernel"));
  }

  @Test
  void deriveDiffersByLabelAndBySeed() {
    Set<Long> seen = new HashSet<>();
    for (String label : new String[] {"dense/kernel", "dense/bias", "dense_1/kernel", "shuffle", "epoch0", "epoch1",
        "", "a", "b"}) {
      assertTrue(seen.add(SeededRandom.derive(42, label)), "collision for label '" + label + "'");
    }
    assertNotEquals(SeededRandom.derive(42, "dense/kernel"), SeededRandom.derive(43, "dense/kernel"));
  }
}
