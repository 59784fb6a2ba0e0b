package dev.layerwise.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Datasets of float64 arrays: kept exact for float64 buffers, rounded for float32 ones, checked like float ones. */
class DoubleDatasetTest {
  private static final double[] X = {0.1, 0.2, 1.0 / 3, 0.4, 0.5, 0.6};
  private static final double[] Y = {1.1, 2.2, 3.3};

  @Test
  void float64BuffersGetTheValuesAsGivenAndFloat32OnesRounded() {
    Dataset d = Dataset.of(X, Shape.of(2), Y, Shape.of(1));
    assertTrue(d.hasDoubles());
    assertEquals(3, d.size());
    double[] x64 = new double[4];
    double[] y64 = new double[2];
    d.gatherDoubles(new int[] {2, 0, 1}, 0, 2, List.of(x64), List.of(y64));
    assertArrayEquals(new double[] {0.5, 0.6, 0.1, 0.2}, x64, 0.0);
    assertArrayEquals(new double[] {3.3, 1.1}, y64, 0.0);
    float[] x32 = new float[4];
    d.copyRange(1, 2, List.of(x32), null);
    assertArrayEquals(new float[] {(float) (1.0 / 3), 0.4f, 0.5f, 0.6f}, x32);
    assertEquals(0.1f, d.feature(0, 0));
  }

  @Test
  void floatArraysWidenExactlyIntoFloat64Buffers() {
    Dataset d = Dataset.of(new float[] {0.1f, 0.2f}, Shape.of(1), new float[] {1, 2}, Shape.of(1));
    assertFalse(d.hasDoubles());
    double[] x64 = new double[2];
    d.copyRangeDoubles(0, 2, List.of(x64), null);
    assertArrayEquals(new double[] {0.1f, 0.2f}, x64, 0.0);
  }

  @Test
  void slicesKeepDoublesAndNonFiniteValuesAreFound() {
    Dataset d = Dataset.builder().features("x", new double[] {1, Double.NaN, 3, 4}, Shape.of(2))
        .targets("y", new double[] {0.25, 0.75}, Shape.of(1)).build();
    assertEquals(1, d.firstNonFiniteFeature(0));
    Dataset second = d.slice(1, 2);
    assertTrue(second.hasDoubles());
    assertEquals(-1, second.firstNonFiniteFeature(0));
    double[] y = new double[1];
    second.copyRangeDoubles(0, 1, List.of(new double[2]), List.of(y));
    assertEquals(0.75, y[0]);
  }
}
