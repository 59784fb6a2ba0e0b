package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.DType;
import dev.layerwise.NdValue;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.DoubleNdArray;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

class TfNdArraysTest {

  @Test
  void aFloatTensorBecomesAFloat32ValueThatOutlivesIt() {
    NdValue v;
    try (TFloat32 t = TFloat32.tensorOf(StdArrays.ndCopyOf(new float[][] {{1, 2, 3}, {4, 5, 6}}))) {
      v = TfNdArrays.fromNdArray(t);
    }
    assertEquals(NdValue.fromArray(new float[][] {{1, 2, 3}, {4, 5, 6}}), v);
  }

  @Test
  void aDoubleTensorBecomesAFloat64Value() {
    try (TFloat64 t = TFloat64.tensorOf(StdArrays.ndCopyOf(new double[] {0.1, 0.2}))) {
      NdValue v = TfNdArrays.fromNdArray(t);
      assertEquals(DType.FLOAT64, v.dtype());
      assertEquals(NdValue.of(dev.layerwise.Shape.of(2), 0.1, 0.2), v);
    }
  }

  @Test
  void valuesGoToArraysOfTheirOwnOrTheAskedPrecision() {
    NdValue v = NdValue.fromArray(new double[][] {{0.1, 2}, {3, 4}});
    DoubleNdArray d = (DoubleNdArray) TfNdArrays.toNdArray(v);
    assertEquals(Shape.of(2, 2), d.shape());
    assertEquals(0.1, d.getDouble(0, 0));
    assertEquals(4.0, d.getDouble(1, 1));
    FloatNdArray f = TfNdArrays.toFloatNdArray(v);
    assertEquals(0.1f, f.getFloat(0, 0));
    assertEquals(v.withDType(DType.FLOAT32), TfNdArrays.fromNdArray(f));
    assertEquals(v, TfNdArrays.fromNdArray(d), "a round trip gives the value back");
    NdValue scalar = NdValue.of(dev.layerwise.Shape.scalar(), 2.5f);
    assertEquals(2.5f, ((FloatNdArray) TfNdArrays.toNdArray(scalar)).getFloat());
  }

  @Test
  void otherElementTypesAndEmptyArraysAreRefused() {
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
        () -> TfNdArrays.fromNdArray(NdArrays.vectorOf(1, 2)));
    assertTrue(type.getMessage().contains("expected a FloatNdArray or a DoubleNdArray"), type.getMessage());
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> TfNdArrays.fromNdArray(NdArrays.ofFloats(Shape.of(2, 0))));
    assertTrue(empty.getMessage().contains("got 0 in shape [2, 0]"), empty.getMessage());
  }
}
