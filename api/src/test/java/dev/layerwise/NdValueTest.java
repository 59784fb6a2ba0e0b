package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NdValueTest {

  @Test
  void nestedArraysGoInAndComeBackRowMajor() {
    NdValue v = NdValue.fromArray(new float[][] {{1, 2, 3}, {4, 5, 6}});
    assertEquals(Shape.of(2, 3), v.shape());
    assertEquals(DType.FLOAT32, v.dtype());
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, v.toFloatArray());
    assertEquals(6.0, v.getDouble(1, 2));
    assertEquals(2f, v.getFloat(0, 1));
    assertArrayEquals(new double[][] {{1, 2, 3}, {4, 5, 6}}, v.toArray(double[][].class));

    NdValue cube = NdValue.fromArray(new double[][][] {{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}});
    assertEquals(Shape.of(2, 2, 2), cube.shape());
    assertEquals(DType.FLOAT64, cube.dtype());
    assertEquals(7.0, cube.getDouble(1, 1, 0));
    float[][][] back = cube.toArray(float[][][].class);
    assertEquals(8f, back[1][1][1]);
  }

  @Test
  void factoriesCopyTheirArgumentsAndConversionsCopyOut() {
    float[] given = {1, 2, 3, 4};
    NdValue v = NdValue.of(Shape.of(2, 2), given);
    given[0] = 99;
    v.toFloatArray()[1] = 99;
    assertArrayEquals(new float[] {1, 2, 3, 4}, v.toFloatArray());
    float[][] nested = {{1, 2}};
    NdValue n = NdValue.fromArray(nested);
    nested[0][0] = 99;
    assertEquals(1.0, n.getDouble(0, 0));
  }

  @Test
  void slicesAndReshapesAreViewsOfTheRightElements() {
    NdValue v = NdValue.of(Shape.of(3, 2, 2), new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
    NdValue second = v.slice(1);
    assertEquals(Shape.of(2, 2), second.shape());
    assertArrayEquals(new double[] {4, 5, 6, 7}, second.toDoubleArray());
    assertEquals(7.0, second.getDouble(1, 1));
    assertArrayEquals(new double[] {6, 7}, second.slice(1).toDoubleArray());
    NdValue lastTwo = v.slice(1, 3);
    assertEquals(Shape.of(2, 2, 2), lastTwo.shape());
    assertArrayEquals(new double[] {4, 5, 6, 7, 8, 9, 10, 11}, lastTwo.toDoubleArray());
    NdValue flat = lastTwo.reshape(Shape.of(8));
    assertEquals(11.0, flat.getDouble(7));
    assertEquals(9.0, lastTwo.slice(1).getFlat(1));
    assertEquals(Shape.scalar(), flat.slice(3).shape());
    assertEquals(7.0, flat.slice(3).getDouble());
  }

  @Test
  void equalityIsExactAndIgnoresHowTheValueWasReached() {
    NdValue a = NdValue.of(Shape.of(2), 4f, 5f);
    NdValue viaView = NdValue.fromArray(new float[][] {{1, 2}, {4, 5}}).slice(1);
    assertEquals(a, viaView);
    assertEquals(a.hashCode(), viaView.hashCode());
    assertNotEquals(a, NdValue.of(Shape.of(2), 4.0, 5.0), "float32 and float64 values differ");
    assertNotEquals(a, NdValue.of(Shape.of(2, 1), 4f, 5f), "shapes differ");
    assertNotEquals(NdValue.of(Shape.of(1), 0.0), NdValue.of(Shape.of(1), -0.0));
    assertEquals(NdValue.of(Shape.of(1), Double.NaN), NdValue.of(Shape.of(1), Double.NaN));
  }

  @Test
  void dtypeConversionRoundsOrWidens() {
    NdValue d = NdValue.of(Shape.of(2), 0.1, 1e40);
    NdValue f = d.withDType(DType.FLOAT32);
    assertEquals(DType.FLOAT32, f.dtype());
    assertEquals(0.1f, f.getFloat(0));
    assertEquals(Float.POSITIVE_INFINITY, f.getFloat(1), "1e40 is beyond float32's range");
    assertEquals((double) 0.1f, f.withDType(DType.FLOAT64).getDouble(0), "widening is exact");
    assertSame(d, d.withDType(DType.FLOAT64));
  }

  @Test
  void allCloseAndMaxAbsDifference() {
    NdValue a = NdValue.of(Shape.of(3), 1.0, 2.0, 3.0);
    NdValue b = NdValue.of(Shape.of(3), 1.0, 2.001, 3.0);
    assertTrue(a.allClose(b, 0, 1.1e-3));
    assertFalse(a.allClose(b, 0, 0.9e-3));
    assertTrue(a.allClose(b, 1e-3, 0), "rtol scales with |b|");
    assertFalse(a.allClose(NdValue.of(Shape.of(3, 1), 1.0, 2.0, 3.0), 1, 1), "shapes must match");
    assertFalse(a.allClose(NdValue.of(Shape.of(3), 1.0, Double.NaN, 3.0), 1, 1), "NaN is close to nothing");
    assertEquals(0.001, a.maxAbsDifference(b), 1e-15);
  }

  @Test
  void toStringNestsByAxisAndSummarisesLargeValues() {
    assertEquals("float32 [2, 2] [[1.0, 2.0], [3.0, 4.0]]",
        NdValue.fromArray(new float[][] {{1, 2}, {3, 4}}).toString());
    assertEquals("float64 [] 2.5", NdValue.of(Shape.scalar(), 2.5).toString());
    double[] many = new double[2000];
    for (int i = 0; i < many.length; i++) {
      many[i] = i;
    }
    assertEquals("float64 [2000] [0.0, 1.0, 2.0, ..., 1997.0, 1998.0, 1999.0]",
        NdValue.of(Shape.of(2000), many).toString());
  }

  @Test
  void badInputIsRefusedNamingWhatWasExpected() {
    IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
        () -> NdValue.of(Shape.of(2, 3), new float[5]));
    assertEquals("NdValue: shape [2, 3] holds 6 values, got 5", size.getMessage());
    IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
        () -> NdValue.fromArray(new double[][] {{1, 2}, {3}}));
    assertEquals("NdValue.fromArray: ragged array: entry [1] has 1 entries, expected 2 like entry [0]",
        ragged.getMessage());
    IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
        () -> NdValue.fromArray(new int[] {1}));
    assertTrue(kind.getMessage().contains("got int[]"), kind.getMessage());
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> NdValue.fromArray(new float[0][3]));
    assertTrue(empty.getMessage().contains("axis 0"), empty.getMessage());
    IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
        () -> NdValue.of(Shape.of(2, 2), new float[4]).toArray(float[].class));
    assertTrue(rank.getMessage().contains("rank 2") && rank.getMessage().contains("float[]"), rank.getMessage());
    IndexOutOfBoundsException out = assertThrows(IndexOutOfBoundsException.class,
        () -> NdValue.of(Shape.of(2, 2), new float[4]).getDouble(0, 2));
    assertEquals("NdValue of shape [2, 2]: index 2 on axis 1 is outside [0, 2)", out.getMessage());
    assertThrows(IndexOutOfBoundsException.class, () -> NdValue.of(Shape.of(2, 2), new float[4]).getDouble(1));
    assertThrows(IllegalArgumentException.class, () -> NdValue.of(Shape.of(4), new float[4]).reshape(Shape.of(5)));
    assertThrows(IndexOutOfBoundsException.class, () -> NdValue.of(Shape.of(4), new float[4]).slice(2, 2));
  }
}
