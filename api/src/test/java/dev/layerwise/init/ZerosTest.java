package dev.layerwise.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.layerwise.Shape;
import org.junit.jupiter.api.Test;

class ZerosTest {

  @Test
  void everyValueIsZero() {
    double[] v = Initializer.zeros().sample(Shape.of(3, 4), new SeededRandom(1));
    assertEquals(12, v.length);
    assertArrayEquals(new double[12], v, 0.0);
  }

  @Test
  void drawsNothingFromTheRandomSource() {
    SeededRandom used = new SeededRandom(1);
    Initializer.zeros().sample(Shape.of(10), used);
    assertEquals(new SeededRandom(1).nextUniform(), used.nextUniform(), 0.0);
  }
}
