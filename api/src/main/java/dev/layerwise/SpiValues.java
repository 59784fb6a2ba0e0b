package dev.layerwise;

import dev.layerwise.spi.TensorValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Crossing between the backends' {@link TensorValue} (double precision, internal) and the public {@link NdValue}
 * (in the model's precision). Every crossing copies, so nothing a user holds aliases a backend's arrays.
 */
final class SpiValues {
  private SpiValues() {}

  /** The value in {@code dtype}: float32 rounds what a float32 model holds anyway, float64 keeps every bit. */
  static NdValue toNd(TensorValue v, DType dtype) {
    return dtype == DType.FLOAT32 ? NdValue.own(v.shape(), v.toFloats()) : NdValue.own(v.shape(), v.data().clone());
  }

  static Map<String, NdValue> toNd(Map<String, TensorValue> values, DType dtype) {
    Map<String, NdValue> out = new LinkedHashMap<>();
    values.forEach((name, v) -> out.put(name, toNd(v, dtype)));
    return out;
  }

  /** Each value converted to {@code dtype} (exact for float32 values read back from float64). */
  static Map<String, NdValue> inDType(Map<String, NdValue> values, DType dtype) {
    Map<String, NdValue> out = new LinkedHashMap<>();
    values.forEach((name, v) -> out.put(name, v.withDType(dtype)));
    return out;
  }

  static TensorValue toSpi(NdValue v) {
    return new TensorValue(v.shape(), v.toDoubleArray());
  }
}
