package dev.layerwise.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import org.junit.jupiter.api.Test;

class TensorValueTest {

  @Test
  void dataLengthMustMatchTheShape() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TensorValue(Shape.of(2, 3), new double[5]));
    assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("holds 6 values, got 5"),
        e.getMessage());
  }

  @Test
  void ofWidensFloatsExactly() {
    TensorValue t = TensorValue.of(Shape.of(2), new float[] {0.1f, -2.5f});
    assertEquals((double) 0.1f, t.get(0), 0.0);
    assertEquals(-2.5, t.get(1), 0.0);
    assertEquals(2, t.size());
  }

  @Test
  void roundedToFloatRoundsToTheNearestFloat32AndCopies() {
    double[] d = {0.1, 1.0 / 3};
    TensorValue t = new TensorValue(Shape.of(2), d);
    TensorValue r = t.roundedToFloat();
    assertArrayEquals(new double[] {(float) 0.1, (float) (1.0 / 3)}, r.data(), 0.0);
    assertNotEquals(0.1, r.get(0));
    assertEquals(0.1, t.get(0), 0.0, "the original is unchanged");
  }

  @Test
  void toFloatsNarrows() {
    assertArrayEquals(new float[] {1.5f, 0.1f}, new TensorValue(Shape.of(2), new double[] {1.5, 0.1}).toFloats());
  }

  @Test
  void zerosAndCopy() {
    TensorValue z = TensorValue.zeros(Shape.of(2, 2));
    assertArrayEquals(new double[4], z.data(), 0.0);
    TensorValue c = z.copy();
    assertNotSame(z.data(), c.data());
    assertEquals(z, c);
  }

  @Test
  void equalityComparesShapeAndValues() {
    TensorValue a = new TensorValue(Shape.of(2), new double[] {1, 2});
    assertEquals(a, new TensorValue(Shape.of(2), new double[] {1, 2}));
    assertEquals(a.hashCode(), new TensorValue(Shape.of(2), new double[] {1, 2}).hashCode());
    assertNotEquals(a, new TensorValue(Shape.of(2), new double[] {1, 3}));
    assertNotEquals(a, new TensorValue(Shape.of(1, 2), new double[] {1, 2}));
  }
}
