package dev.layerwise.init;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.layerwise.Shape;
import org.junit.jupiter.api.Test;

class FansTest {

  @Test
  void aVectorHasEqualFans() {
    assertEquals(new Fans(7, 7), Fans.of(Shape.of(7)));
  }

  @Test
  void aDenseKernelHasFanInRowsAndFanOutColumns() {
    assertEquals(new Fans(784, 128), Fans.of(Shape.of(784, 128)));
  }

  @Test
  void aConvolutionKernelMultipliesByTheReceptiveField() {
    // HWIO [3, 3, 16, 32]: receptive field 9, fanIn 9·16, fanOut 9·32
    assertEquals(new Fans(144, 288), Fans.of(Shape.of(3, 3, 16, 32)));
    assertEquals(new Fans(5 * 3 * 2, 5 * 3 * 4), Fans.of(Shape.of(5, 3, 2, 4)));
  }

  @Test
  void aScalarCountsAsOne() {
    assertEquals(new Fans(1, 1), Fans.of(Shape.scalar()));
  }
}
