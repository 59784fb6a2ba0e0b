package dev.layerwise.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import org.junit.jupiter.api.Test;

class RandomNormalTest {

  @Test
  void meanAndStddevAreTheGivenOnes() {
    double[] v = Initializer.randomNormal(0.5, 0.2).sample(Shape.of(100_000), new SeededRandom(7));
    Moments m = Moments.of(v);
    assertEquals(0.5, m.mean(), 0.003);
    assertEquals(0.2, m.stddev(), 0.02 * 0.2);
  }

  @Test
  void theOneArgumentFactoryIsCentred() {
    assertEquals(new RandomNormal(0, 0.05), Initializer.randomNormal(0.05));
    Moments m = Moments.of(Initializer.randomNormal(0.05).sample(Shape.of(50_000), new SeededRandom(8)));
    assertEquals(0, m.mean(), 0.001);
    assertEquals(0.05, m.stddev(), 0.02 * 0.05);
  }

  @Test
  void rejectsNonPositiveStddevAndNonFiniteMean() {
    IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> Initializer.randomNormal(0));
    assertTrue(s.getMessage().contains("RandomNormal: stddev must be positive, got 0.0"), s.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Initializer.randomNormal(-0.1));
    assertThrows(IllegalArgumentException.class, () -> Initializer.randomNormal(Double.POSITIVE_INFINITY));
    IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
        () -> Initializer.randomNormal(Double.NaN, 1));
    assertTrue(m.getMessage().contains("mean must be finite, got NaN"), m.getMessage());
  }
}
