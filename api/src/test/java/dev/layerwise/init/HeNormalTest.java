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
  void isNotTruncated() {
    // The plain normal (He et al., PyTorch) reaches past 2σ, unlike Keras's truncated he_normal.
    double sigma = Math.sqrt(2.0 / 400);
    double[] v = Initializer.heNormal().sample(Shape.of(400, 250), new SeededRandom(6));
    long beyond = java.util.Arrays.stream(v).filter(d -> Math.abs(d) > 2 * sigma).count();
    // P(|z| > 2) = 4.55 %
    assertEquals(0.0455, beyond / (double) v.length, 0.003);
    assertTrue(java.util.Arrays.stream(v).anyMatch(d -> Math.abs(d) > 3 * sigma));
  }
}
