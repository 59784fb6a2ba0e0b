package dev.layerwise.reference.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.layerwise.layers.Interpolation;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CenterCrop's and Resizing's equations on small images worked by hand, Keras's test images among them. */
class ImagePreprocessingEquationsTest {
  private static double[] arange(int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  /** A 4 × 4 arange image cropped to 2 × 2 keeps rows and columns 1..2: [[5, 6], [9, 10]]; dx scatters back. */
  @Test
  void centerCropSelectsTheWindowAndScattersTheGradient() {
    CenterCropEquations crop = new CenterCropEquations(4, 4, 1, 1, 1, 2, 2);
    var f = crop.forward(Map.of(), arange(16), false);
    assertArrayEquals(new double[] {5, 6, 9, 10}, f.y(), 0);
    double[] dx = crop.backward(Map.of(), f.saved(), new double[] {1, 2, 3, 4}, true).dx();
    assertArrayEquals(new double[] {0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0}, dx, 0);
  }

  private static ResizingEquations resizing(Interpolation k, int h, int w, int outH, int outW, int c) {
    return new ResizingEquations(h, w, outH, outW, c, k.matrix(h, outH), k.matrix(w, outW));
  }

  /** Keras's resizing_test: arange(16) as 4 × 4, nearest to 2 × 2 gives [[5, 7], [13, 15]]. */
  @Test
  void nearestDownsamplingAsKerasTests() {
    assertArrayEquals(new double[] {5, 7, 13, 15},
        resizing(Interpolation.NEAREST, 4, 4, 2, 2, 1).forward(Map.of(), arange(16), false).y(), 0);
  }

  /** Keras's resizing_test: arange(4) as 2 × 2, nearest to 4 × 4 repeats each pixel in a 2 × 2 block. */
  @Test
  void nearestUpsamplingAsKerasTests() {
    assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3},
        resizing(Interpolation.NEAREST, 2, 2, 4, 4, 1).forward(Map.of(), arange(4), false).y(), 0);
  }

  /**
   * Bilinear 4 × 4 → 2 × 2 on arange(16) samples at (0.5, 0.5), (0.5, 2.5), ...: the means of the 2 × 2 blocks,
   * [[2.5, 4.5], [10.5, 12.5]]; two channels, the second negated, stay apart. The gradient spreads each dy over
   * its block in quarters.
   */
  @Test
  void bilinearDownsamplingAveragesBlocksPerChannel() {
    double[] x = new double[32];
    for (int i = 0; i < 16; i++) {
      x[2 * i] = i;
      x[2 * i + 1] = -i;
    }
    ResizingEquations r = resizing(Interpolation.BILINEAR, 4, 4, 2, 2, 2);
    var f = r.forward(Map.of(), x, false);
    assertArrayEquals(new double[] {2.5, -2.5, 4.5, -4.5, 10.5, -10.5, 12.5, -12.5}, f.y(), 1e-15);
    double[] dx = r.backward(Map.of(), f.saved(), new double[] {4, 0, 8, 0, 0, 0, 0, 4}, true).dx();
    double[] expected = new double[32];
    for (int a = 0; a < 4; a++) {
      for (int b = 0; b < 4; b++) {
        int block = (a / 2) * 2 + b / 2; // which output pixel this input pixel feeds
        expected[(a * 4 + b) * 2] = block == 0 ? 1 : block == 1 ? 2 : 0;
        expected[(a * 4 + b) * 2 + 1] = block == 3 ? 1 : 0;
      }
    }
    assertArrayEquals(expected, dx, 1e-15);
  }
}
