package dev.layerwise.reference.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.layerwise.layers.FillMode;
import dev.layerwise.layers.Interpolation;
import dev.layerwise.layers.WarpTransforms;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The warp on Keras's test images (a 5 × 5 arange image rotated and zoomed by RandomRotation's and RandomZoom's
 * tests, with the values Keras asserts), and each fill mode on a row {@code a b c d} read through translations,
 * giving the drawings of the Keras documentation.
 */
class ProjectiveTransformTest {
  private static double[] arange(int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  private static double[] warp5x5(double[] transform, Interpolation interpolation, FillMode fill) {
    return ProjectiveTransform.apply(arange(25), 1, 5, 5, 1, transform, interpolation, fill, 0);
  }

  /** Keras's rotation test: factor 0.5 (half a turn) maps pixel (x, y) to (4 − x, 4 − y): the image reversed. */
  @Test
  void halfTurnReversesTheImage() {
    double[] expected = new double[25];
    for (int i = 0; i < 25; i++) {
      expected[i] = 24 - i;
    }
    assertArrayEquals(expected, warp5x5(WarpTransforms.rotation(Math.PI, 5, 5), Interpolation.BILINEAR,
        FillMode.REFLECT), 1e-12);
  }

  /** Keras's zoom-out test: height factor 0.5 and width factor 0.8 (zooms 1.5 and 1.8), bilinear, constant 0. */
  @Test
  void zoomOutAsKerasTests() {
    assertArrayEquals(new double[] {
        0, 0, 0, 0, 0,
        0, 2.7, 4.5, 6.3, 0,
        0, 10.2, 12.0, 13.8, 0,
        0, 17.7, 19.5, 21.3, 0,
        0, 0, 0, 0, 0},
        warp5x5(WarpTransforms.zoom(1.8, 1.5, 5, 5), Interpolation.BILINEAR, FillMode.CONSTANT), 1e-12);
  }

  /** Keras's zoom-in test: both factors −0.5 (zoom 0.5), bilinear: the centre 3 × 3 spread over 5 × 5. */
  @Test
  void zoomInAsKerasTests() {
    assertArrayEquals(new double[] {
        6.0, 6.5, 7.0, 7.5, 8.0,
        8.5, 9.0, 9.5, 10.0, 10.5,
        11.0, 11.5, 12.0, 12.5, 13.0,
        13.5, 14.0, 14.5, 15.0, 15.5,
        16.0, 16.5, 17.0, 17.5, 18.0},
        warp5x5(WarpTransforms.zoom(0.5, 0.5, 5, 5), Interpolation.BILINEAR, FillMode.CONSTANT), 1e-12);
  }

  /** Keras's nearest zoom-out test: row 3 samples y = 3.5, which rounds to row 4 (halves away from zero). */
  @Test
  void nearestZoomOutAsKerasTests() {
    assertArrayEquals(new double[] {
        0, 0, 0, 0, 0,
        0, 5, 7, 9, 0,
        0, 10, 12, 14, 0,
        0, 20, 22, 24, 0,
        0, 0, 0, 0, 0},
        warp5x5(WarpTransforms.zoom(1.8, 1.5, 5, 5), Interpolation.NEAREST, FillMode.CONSTANT), 0);
  }

  /**
   * A row {@code a b c d} = 1 2 3 4 sampled at v = −4 … 7 (output pixel 0 of a translation whose a2 = v), fill
   * value 9: each fill mode gives its Keras drawing. TF's {@code WRAP} shifts by one period only for points less
   * than {@code len − 1} outside, so its row covers v = −2 … 5; beyond, TF clamps to an edge (the last case).
   */
  @ParameterizedTest(name = "{0} from {1}")
  @CsvSource(delimiter = ';', value = {
      "REFLECT; -4; 4 3 2 1 1 2 3 4 4 3 2 1",
      "CONSTANT; -4; 9 9 9 9 1 2 3 4 9 9 9 9",
      "NEAREST; -4; 1 1 1 1 1 2 3 4 4 4 4 4",
      "WRAP; -2; 3 4 1 2 3 4 1 2",
      "WRAP; -4; 4 4 3 4 1 2 3 4 1 2 1 1"})
  void fillModesExtendTheRowAsKerasDraws(FillMode mode, int from, String expected) {
    double[] want = Arrays.stream(expected.split(" ")).mapToDouble(Double::parseDouble).toArray();
    double[] row = {1, 2, 3, 4};
    double[] got = new double[want.length];
    for (int i = 0; i < want.length; i++) {
      double[] translate = {1, 0, from + i, 0, 1, 0, 0, 0};
      got[i] = ProjectiveTransform.apply(row, 1, 1, 4, 1, translate, Interpolation.NEAREST, mode, 9)[0];
    }
    assertArrayEquals(want, got, 0);
  }
}
