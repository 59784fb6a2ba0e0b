package dev.layerwise.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;
import java.util.Arrays;

/**
 * A dense tensor held in Java: a shape and its values in row-major order, in double precision (float32 values
 * widen exactly). This is how weights, gradients and outputs cross the api/backend line. The array is not copied:
 * treat a value as read-only once handed over.
 */
public record TensorValue(Shape shape, double[] data) {
  public TensorValue {
    requireNonNull(shape, "shape");
    requireNonNull(data, "data");
    checkArgument(data.length == shape.size(), "a tensor of shape %s holds %s values, got %s",
        shape, shape.size(), data.length);
  }

  public static TensorValue of(Shape shape, float[] values) {
    double[] d = new double[values.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = values[i];
    }
    return new TensorValue(shape, d);
  }

  public static TensorValue zeros(Shape shape) {
    return new TensorValue(shape, new double[shape.size()]);
  }

  /** Every element equal to {@code value}. */
  public static TensorValue filled(Shape shape, double value) {
    double[] d = new double[shape.size()];
    java.util.Arrays.fill(d, value);
    return new TensorValue(shape, d);
  }

  public int size() {
    return data.length;
  }

  public double get(int flatIndex) {
    return data[flatIndex];
  }

  /** The values rounded to float32. */
  public float[] toFloats() {
    float[] f = new float[data.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) data[i];
    }
    return f;
  }

  /** A copy whose values are rounded to the nearest float32 (and so are exactly what a float32 backend holds). */
  public TensorValue roundedToFloat() {
    double[] d = new double[data.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) data[i];
    }
    return new TensorValue(shape, d);
  }

  public TensorValue copy() {
    return new TensorValue(shape, data.clone());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorValue t && shape.equals(t.shape) && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return 31 * shape.hashCode() + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "TensorValue" + shape + (data.length <= 8 ? Arrays.toString(data) : "");
  }
}
