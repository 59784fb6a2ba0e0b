package dev.layerwise.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Log-scale draws spread evenly over the decades: ln x is uniform, so its median is the middle of [ln lo, ln hi] and
 * half the draws fall below the geometric mean √(lo·hi). With 20 000 draws the standard error of a share is
 * √(0.25 / 20 000) ≈ 0.0035; the tolerances are about 5 of those.
 */
class LogScaleSamplingTest {
  private static final int N = 20_000;

  @Test
  void logUniformIsUniformInTheLog() {
    SearchSpace space = SearchSpace.empty().logUniform("lr", 1e-4, 1e-1);
    Random r = new Random(11);
    double[] log10 = new double[N];
    int below = 0;
    int[] decades = new int[3];
    for (int i = 0; i < N; i++) {
      double x = space.sample(r).getDouble("lr");
      log10[i] = Math.log10(x);
      below += x < Math.sqrt(1e-4 * 1e-1) ? 1 : 0;
      decades[(int) Math.floor(log10[i] + 4)]++;
    }
    Arrays.sort(log10);
    assertEquals(-2.5, log10[N / 2], 0.03, "median of log10 lr");
    assertEquals(0.5, (double) below / N, 0.02, "share below the geometric mean 3.16e-3");
    for (int d : decades) { // a linear draw would put 90% in [1e-2, 1e-1)
      assertEquals(1.0 / 3, (double) d / N, 0.02, "share of each decade " + Arrays.toString(decades));
    }
  }

  @Test
  void logIntegersGiveEachDoublingTheSameShare() {
    // P(k < 128) = ln(128/32) / ln(513/32) = 1.3863 / 2.7746 = 0.4996
    SearchSpace space = SearchSpace.empty().intRange("units", 32, 512, Scale.LOG);
    Random r = new Random(12);
    int below = 0;
    for (int i = 0; i < N; i++) {
      below += space.sample(r).getInt("units") < 128 ? 1 : 0;
    }
    assertEquals(0.4996, (double) below / N, 0.02);
  }

  @Test
  void linearDrawsAreUniform() {
    SearchSpace space = SearchSpace.empty().uniform("dropout", 0, 0.5).intRange("layers", 1, 4);
    Random r = new Random(13);
    int below = 0;
    int[] layers = new int[5];
    for (int i = 0; i < N; i++) {
      Hyperparameters p = space.sample(r);
      below += p.getDouble("dropout") < 0.25 ? 1 : 0;
      layers[p.getInt("layers")]++;
    }
    assertEquals(0.5, (double) below / N, 0.02);
    assertEquals(0, layers[0]);
    for (int k = 1; k <= 4; k++) {
      assertEquals(0.25, (double) layers[k] / N, 0.02, "share of layers = " + k);
    }
  }
}
