package dev.layerwise.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import org.junit.jupiter.api.Test;

class HeNormalTest {

  @Test
  void varianceIsTwoOverFanIn() {
    double[] v = Initializer.heNormal().sample(Shape.of(400, 250), new SeededRandom(4));
    Moments m = Moments.of(v);
    double expected = 2.0 / 400;
    assertEquals(expected, m.variance(), 0.03 * expected);
    assertEquals(0, m.mean(), 0.001);
  }

  @Test
  void fanOutDoesNotMatter() {
    Moments narrow = Moments.of(Initializer.heNormal().sample(Shape.of(100, 1000), new SeededRandom(5)));
    assertEquals(2.0 / 100, narrow.variance(), 0.03 * 2.0 / 100);
  }

  @Test
  void isTruncatedAtTwoStandardDeviationsAsKeras() {
    // Keras's he_normal draws N(0, σ²) with σ = √(2/fanIn)/0.8796 and redraws beyond 2σ; the 0.8796 (the standard
    // deviation of a unit normal truncated to [−2, 2]) restores the variance 2/fanIn.
    double sigma = Math.sqrt(2.0 / 400) / 0.87962566103423978;
    double[] v = Initializer.heNormal().sample(Shape.of(400, 250), new SeededRandom(6));
    assertTrue(java.util.Arrays.stream(v).allMatch(d -> Math.abs(d) <= 2 * sigma));
    long beyondOneSigma = java.util.Arrays.stream(v).filter(d -> Math.abs(d) > sigma).count();
    // For a normal truncated to [−2σ, 2σ]: P(|z| > 1) = (0.3173 − 0.0455) / 0.9545 = 0.2848
    assertEquals(0.2848, beyondOneSigma / (double) v.length, 0.005);
  }
}
