package dev.layerwise.reference.layers;

import static dev.layerwise.reference.RefGradientCheck.assertAllClose;
import static dev.layerwise.reference.RefGradientCheck.checkLayer;
import static dev.layerwise.reference.RefGradientCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.layerwise.Shape;
import dev.layerwise.layers.Padding;
import dev.layerwise.layers.Size2D;
import dev.layerwise.reference.tensor.Window2D;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Conv2DEquationsTest {
  /** The 3×3 image 1…9 (one channel) and the 2×2 kernel [[1, 2], [3, 4]] (one filter). */
  private static final double[] IMAGE = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  private static final double[] KERNEL = {1, 2, 3, 4};

  private static double[] conv3x3(Padding padding, int stride) {
    var eq = new Conv2DEquations(Window2D.of(Shape.of(3, 3, 1), Size2D.of(2), Size2D.of(stride), padding), 1, false);
    return eq.forward(Map.of("kernel", KERNEL), IMAGE, false).y();
  }

  @Test
  void validStrideOneByHand() {
    // y[i,j] = x[i,j]·1 + x[i,j+1]·2 + x[i+1,j]·3 + x[i+1,j+1]·4
    assertArrayEquals(new double[] {1 + 4 + 12 + 20, 2 + 6 + 15 + 24, 4 + 10 + 21 + 32, 5 + 12 + 24 + 36},
        conv3x3(Padding.VALID, 1));
  }

  @Test
  void sameStrideOnePadsOnlyBottomAndRight() {
    // total padding (3 − 1)·1 + 2 − 3 = 1 per axis: 0 before, 1 after; padded values read as 0
    assertArrayEquals(new double[] {
        37, 47, 3 + 3 * 6,
        67, 77, 6 + 3 * 9,
        7 + 2 * 8, 8 + 2 * 9, 9}, conv3x3(Padding.SAME, 1));
  }

  @Test
  void sameStrideTwo() {
    // out ⌈3/2⌉ = 2, padding (2 − 1)·2 + 2 − 3 = 1 at the bottom/right; windows start at rows/cols 0 and 2
    assertArrayEquals(new double[] {37, 3 + 3 * 6, 7 + 2 * 8, 9}, conv3x3(Padding.SAME, 2));
  }

  @Test
  void validStrideTwo() {
    // out ⌊(3 − 2)/2⌋ + 1 = 1
    assertArrayEquals(new double[] {37}, conv3x3(Padding.VALID, 2));
  }

  @Test
  void biasAndFiltersByHand() {
    // two filters: K[...,0] = KERNEL, K[...,1] = all ones; HWIO puts the filter index last
    var eq = new Conv2DEquations(Window2D.of(Shape.of(3, 3, 1), Size2D.of(2), Size2D.of(1), Padding.VALID), 2, true);
    double[] k = {1, 1, 2, 1, 3, 1, 4, 1};
    double[] y = eq.forward(Map.of("kernel", k, "bias", new double[] {0.5, -1}), IMAGE, false).y();
    assertArrayEquals(new double[] {37.5, 12 - 1, 47.5, 16 - 1, 67.5, 24 - 1, 77.5, 28 - 1}, y);
  }

  @ParameterizedTest(name = "{0}×{1}×{2} k{3}×{4} s{5}×{6} {7}")
  @CsvSource({
      "5, 5, 2, 3, 3, 1, 1, VALID",
      "5, 5, 2, 3, 3, 1, 1, SAME",
      "6, 6, 1, 3, 3, 2, 2, SAME",
      "5, 7, 3, 3, 3, 2, 2, SAME",
      "6, 5, 2, 3, 2, 2, 1, VALID",
      "4, 4, 2, 2, 2, 2, 2, SAME",
      "3, 3, 1, 2, 2, 2, 2, SAME"})
  void matchesTheDirectFormulaAndFiniteDifferences(int h, int w, int c, int kh, int kw, int sh, int sw,
      Padding padding) {
    Random r = new Random(h * 1000L + w * 100 + c * 10 + kh + sh);
    int filters = 3;
    int n = 2;
    Window2D win = Window2D.of(Shape.of(h, w, c), Size2D.of(kh, kw), Size2D.of(sh, sw), padding);
    var eq = new Conv2DEquations(win, filters, true);
    double[] k = uniform(r, kh * kw * c * filters, -1, 1);
    double[] b = uniform(r, filters, -1, 1);
    double[] x = uniform(r, n * h * w * c, -2, 2);
    double[] y = eq.forward(Map.of("kernel", k, "bias", b), x, false).y();
    assertAllClose("conv vs direct", direct(x, n, h, w, c, k, kh, kw, filters, b, sh, sw, padding), y, 1e-14, 1e-13);
    checkLayer("conv " + padding, eq, Map.of("kernel", k, "bias", b), x, 101);
  }

  @Test
  void gradientsWithoutBias() {
    Random r = new Random(103);
    var eq = new Conv2DEquations(Window2D.of(Shape.of(4, 5, 2), Size2D.of(3), Size2D.of(1), Padding.SAME), 2, false);
    checkLayer("conv no bias", eq, Map.of("kernel", uniform(r, 3 * 3 * 2 * 2, -1, 1)), uniform(r, 3 * 40, -2, 2),
        104);
  }

  /** The Conv2D javadoc's formula loop by loop: y[s,i,j,f] = Σ_{a,b,c} x[s, i·sh+a−pt, j·sw+b−pl, c]·K[a,b,c,f] + b[f]. */
  private static double[] direct(double[] x, int n, int h, int w, int c, double[] k, int kh, int kw, int f,
      double[] bias, int sh, int sw, Padding padding) {
    int oh = padding == Padding.VALID ? (h - kh) / sh + 1 : (h + sh - 1) / sh;
    int ow = padding == Padding.VALID ? (w - kw) / sw + 1 : (w + sw - 1) / sw;
    int pt = padding == Padding.VALID ? 0 : Math.max((oh - 1) * sh + kh - h, 0) / 2;
    int pl = padding == Padding.VALID ? 0 : Math.max((ow - 1) * sw + kw - w, 0) / 2;
    double[] y = new double[n * oh * ow * f];
    for (int s = 0; s < n; s++) {
      for (int i = 0; i < oh; i++) {
        for (int j = 0; j < ow; j++) {
          for (int g = 0; g < f; g++) {
            double sum = bias[g];
            for (int a = 0; a < kh; a++) {
              for (int b = 0; b < kw; b++) {
                int row = i * sh + a - pt;
                int col = j * sw + b - pl;
                if (row < 0 || row >= h || col < 0 || col >= w) {
                  continue;
                }
                for (int ch = 0; ch < c; ch++) {
                  sum += x[((s * h + row) * w + col) * c + ch] * k[((a * kw + b) * c + ch) * f + g];
                }
              }
            }
            y[((s * oh + i) * ow + j) * f + g] = sum;
          }
        }
      }
    }
    return y;
  }
}
