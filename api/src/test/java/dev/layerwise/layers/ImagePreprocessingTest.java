package dev.layerwise.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import org.junit.jupiter.api.Test;

/** CenterCrop's window, Resizing's shapes and the interpolation matrices, worked by hand. */
class ImagePreprocessingTest {
  /** Keras's center_crop_test: start = ⌊(in − out)/2⌋; 9 × 11 cropped to 5 × 7 starts at row 2, column 2. */
  @Test
  void centerCropStartsAtHalfTheMarginRoundedDown() {
    CenterCrop crop = CenterCrop.of(5, 7);
    Shape in = Shape.of(9, 11, 3);
    assertEquals(Shape.of(5, 7, 3), crop.outputShape(in));
    assertEquals(2, crop.top(in));
    assertEquals(2, crop.left(in));
    CenterCrop odd = CenterCrop.of(4, 9); // margins 5 and 2: row 2, column 1
    assertEquals(2, odd.top(in));
    assertEquals(1, odd.left(in));
    assertTrue(crop.weights(in).isEmpty());
  }

  @Test
  void centerCropRefusesAWindowLargerThanTheImage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CenterCrop.of(10, 4).withName("crop").outputShape(Shape.of(9, 11, 3)));
    assertTrue(e.getMessage().contains("CenterCrop 'crop': a 10 × 4 window does not fit images of 9 × 11; put a"
        + " Resizing first"), e.getMessage());
    IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
        () -> CenterCrop.of(2, 2).outputShape(Shape.of(9, 11)));
    assertTrue(rank.getMessage().contains("expects rank-4 NHWC input"), rank.getMessage());
  }

  @Test
  void resizingKeepsTheChannels() {
    assertEquals(Shape.of(6, 6, 3), Resizing.to(6, 6).outputShape(Shape.of(12, 12, 3)));
    assertEquals(Interpolation.BILINEAR, Resizing.to(2, 2).interpolation());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Resizing.to(0, 3));
    assertTrue(e.getMessage().contains("Resizing: height and width must be positive, got 0 × 3"), e.getMessage());
  }

  /** Keras's resizing_test, nearest: 4 → 2 keeps indices 1 and 3 ([[5, 7], [13, 15]] of arange(16)). */
  @Test
  void nearestDownsamplesAsKerasTests() {
    assertArrayEquals(new double[] {0, 1, 0, 0, 0, 0, 0, 1}, Interpolation.NEAREST.matrix(4, 2), 0);
  }

  /** Keras's resizing_test, nearest: 2 → 4 repeats each index twice ([[0, 0, 1, 1], ...]). */
  @Test
  void nearestUpsamplesAsKerasTests() {
    assertArrayEquals(new double[] {1, 0, 1, 0, 0, 1, 0, 1}, Interpolation.NEAREST.matrix(2, 4), 0);
  }

  /** 4 → 2 bilinear: s = (i + ½)·2 − ½ = 0.5, 2.5: the mean of each pair. */
  @Test
  void bilinearDownsamplingAveragesNeighbours() {
    assertArrayEquals(new double[] {0.5, 0.5, 0, 0, 0, 0, 0.5, 0.5}, Interpolation.BILINEAR.matrix(4, 2), 0);
  }

  /**
   * 2 → 4 bilinear: s = (i + ½)/2 − ½ = −0.25, 0.25, 0.75, 1.25; the ends clamp to the edge pixels, the middle
   * two weigh the pair 3:1 and 1:3.
   */
  @Test
  void bilinearUpsamplingClampsAtTheEdges() {
    assertArrayEquals(new double[] {1, 0, 0.75, 0.25, 0.25, 0.75, 0, 1}, Interpolation.BILINEAR.matrix(2, 4), 0);
  }

  @Test
  void theSameSizeIsTheIdentity() {
    assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, Interpolation.BILINEAR.matrix(3, 3), 0);
    assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, Interpolation.NEAREST.matrix(3, 3), 0);
  }
}
