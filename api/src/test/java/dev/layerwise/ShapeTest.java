package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShapeTest {

  @Test
  void ofKeepsTheDimensionsInOrder() {
    Shape s = Shape.of(28, 28, 3);
    assertEquals(3, s.rank());
    assertArrayEquals(new int[] {28, 28, 3}, s.dims());
    assertEquals(28, s.dim(0));
    assertEquals(3, s.dim(2));
    assertEquals(3, s.dim(-1), "negative axes count from the end");
    assertEquals(28, s.dim(-3));
    assertEquals(3, s.last());
  }

  @Test
  void dimsIsADefensiveCopyAndOfCopiesItsArgument() {
    int[] given = {4, 5};
    Shape s = Shape.of(given);
    given[0] = 99;
    s.dims()[1] = 99;
    assertArrayEquals(new int[] {4, 5}, s.dims());
  }

  @Test
  void scalarHasRankZeroAndOneElement() {
    assertEquals(0, Shape.scalar().rank());
    assertEquals(1, Shape.scalar().size());
    assertSame(Shape.scalar(), Shape.of(), "Shape.of() with no dimensions is the scalar shape");
    assertEquals("[]", Shape.scalar().toString());
    assertEquals("(None)", Shape.scalar().toBatchString());
  }

  @Test
  void sizeIsTheProductOfTheDimensions() {
    assertEquals(28 * 28, Shape.of(28, 28).size());
    assertEquals(3 * 3 * 16 * 32, Shape.of(3, 3, 16, 32).size());
    assertEquals(7, Shape.of(7).size());
  }

  @Test
  void sizeRejectsShapesWithMoreThanIntMaxElements() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shape.of(65536, 65536).size());
    assertTrue(e.getMessage().contains("[65536, 65536]"), e.getMessage());
  }

  /** 65536⁴ = 2⁶⁴ wraps a long to exactly 0: the overflow must be caught as it happens, not after the product. */
  @Test
  void sizeRejectsShapesWhoseElementCountOverflowsALong() {
    Shape huge = Shape.of(65536, 65536, 65536, 65536);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, huge::size);
    assertTrue(e.getMessage().contains("2^31-1"), e.getMessage());
  }

  @Test
  void withBatchPrependsTheBatchDimension() {
    assertEquals(Shape.of(32, 28, 28), Shape.of(28, 28).withBatch(32));
    assertEquals(Shape.of(5), Shape.scalar().withBatch(5));
  }

  @Test
  void dropFirstRemovesTheLeadingDimension() {
    assertEquals(Shape.of(28, 28), Shape.of(32, 28, 28).dropFirst());
    assertEquals(Shape.scalar(), Shape.of(10).dropFirst());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shape.scalar().dropFirst());
    assertTrue(e.getMessage().contains("scalar"), e.getMessage());
  }

  @Test
  void withLastReplacesOnlyTheLastDimension() {
    assertEquals(Shape.of(5, 7, 128), Shape.of(5, 7, 3).withLast(128));
    assertEquals(Shape.of(10), Shape.of(784).withLast(10));
    assertThrows(IllegalArgumentException.class, () -> Shape.scalar().withLast(3));
    assertThrows(IllegalArgumentException.class, () -> Shape.of(4).withLast(0));
  }

  @Test
  void equalsAndHashCodeFollowTheDimensions() {
    assertEquals(Shape.of(2, 3), Shape.of(2, 3));
    assertEquals(Shape.of(2, 3).hashCode(), Shape.of(2, 3).hashCode());
    assertNotEquals(Shape.of(2, 3), Shape.of(3, 2));
    assertNotEquals(Shape.of(6), Shape.of(2, 3));
    assertNotEquals(Shape.of(2, 3), "[2, 3]");
  }

  @Test
  void toStringListsTheDimensions() {
    assertEquals("[28, 28]", Shape.of(28, 28).toString());
    assertEquals("[784]", Shape.of(784).toString());
  }

  @Test
  void toBatchStringUsesKerasNoneNotation() {
    assertEquals("(None, 128)", Shape.of(128).toBatchString());
    assertEquals("(None, 28, 28, 1)", Shape.of(28, 28, 1).toBatchString());
  }

  @Test
  void rejectsZeroAndNegativeDimensionsNamingValueIndexAndShape() {
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> Shape.of(28, 0));
    assertTrue(zero.getMessage().contains("must be positive"), zero.getMessage());
    assertTrue(zero.getMessage().contains("got 0 at index 1"), zero.getMessage());
    assertTrue(zero.getMessage().contains("[28, 0]"), zero.getMessage());
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> Shape.of(-3));
    assertTrue(negative.getMessage().contains("-3"), negative.getMessage());
  }

  @Test
  void dimRejectsAxesOutOfRange() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shape.of(2, 3).dim(2));
    assertTrue(e.getMessage().contains("axis 2") && e.getMessage().contains("[2, 3]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Shape.of(2, 3).dim(-3));
    assertThrows(IllegalArgumentException.class, () -> Shape.scalar().last());
  }
}
