package dev.layerwise.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import org.junit.jupiter.api.Test;

class GlorotUniformTest {

  @Test
  void valuesLieWithinTheGlorotLimit() {
    // fanIn 200, fanOut 300: l = √(6/500)
    double limit = Math.sqrt(6.0 / 500);
    double[] v = Initializer.glorotUniform().sample(Shape.of(200, 300), new SeededRandom(1));
    assertEquals(60_000, v.length);
    double max = 0;
    for (double d : v) {
      assertTrue(d >= -limit && d < limit, d + " outside [-" + limit + ", " + limit + ")");
      max = Math.max(max, Math.abs(d));
    }
    assertTrue(max > 0.99 * limit, "the range is used up to the limit, max |w| = " + max);
  }

  @Test
  void varianceIsTwoOverFanInPlusFanOut() {
    double[] v = Initializer.glorotUniform().sample(Shape.of(200, 300), new SeededRandom(2));
    Moments m = Moments.of(v);
    double expected = 2.0 / (200 + 300);
    assertEquals(expected, m.variance(), 0.03 * expected);
    assertEquals(0, m.mean(), 0.002);
  }

  @Test
  void aConvolutionKernelUsesTheReceptiveField() {
    // HWIO [3, 3, 16, 32]: fanIn 144, fanOut 288, l = √(6/432)
    double limit = Math.sqrt(6.0 / (144 + 288));
    double[] v = Initializer.glorotUniform().sample(Shape.of(3, 3, 16, 32), new SeededRandom(3));
    double max = 0;
    for (double d : v) {
      max = Math.max(max, Math.abs(d));
    }
    assertTrue(max <= limit && max > 0.99 * limit, "max |w| " + max + ", limit " + limit);
  }

  @Test
  void theSameRandomStateGivesTheSameValues() {
    double[] a = Initializer.glorotUniform().sample(Shape.of(5, 4), new SeededRandom(9));
    double[] b = Initializer.glorotUniform().sample(Shape.of(5, 4), new SeededRandom(9));
    org.junit.jupiter.api.Assertions.assertArrayEquals(a, b, 0.0);
  }
}
