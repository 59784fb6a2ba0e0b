package dev.layerwise.tf;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.DType;
import dev.layerwise.NdValue;
import org.tensorflow.ndarray.DoubleNdArray;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Converts between Layerwise's {@link NdValue} and TensorFlow Java's {@link NdArray}, for code that holds TF values
 * (a {@code TFloat32} tensor is a {@link FloatNdArray}, a {@code TFloat64} one a {@link DoubleNdArray}). Every
 * conversion copies, so the result shares nothing with its source: an {@code NdValue} made from a tensor stays valid
 * after the tensor is closed. The arrays made here live on the Java heap and need no closing. Stateless; safe from
 * any thread.
 *
 * <pre>{@code
 * NdValue kernel = TfNdArrays.fromNdArray(tensor);               // a TFloat32 tensor: a float32 value
 * FloatNdArray w = TfNdArrays.toFloatNdArray(model.weight("dense/kernel"));
 * }</pre>
 */
public final class TfNdArrays {
  private TfNdArrays() {}

  /**
   * A copy of a float or double array as an {@link NdValue}: float32 for a {@link FloatNdArray}, float64 for a
   * {@link DoubleNdArray}.
   *
   * @throws IllegalArgumentException for an array of another element type, or one with an empty or unknown
   *     dimension (an {@code NdValue} has at least one element per axis)
   */
  public static NdValue fromNdArray(NdArray<?> array) {
    requireNonNull(array, "TfNdArrays.fromNdArray: array");
    dev.layerwise.Shape shape = shape(array.shape());
    if (array instanceof FloatNdArray f) {
      float[] values = new float[shape.size()];
      f.copyTo(DataBuffers.of(values, false, false));
      return NdValue.of(shape, values);
    }
    if (array instanceof DoubleNdArray d) {
      double[] values = new double[shape.size()];
      d.copyTo(DataBuffers.of(values, false, false));
      return NdValue.of(shape, values);
    }
    throw new IllegalArgumentException("TfNdArrays.fromNdArray: expected a FloatNdArray or a DoubleNdArray, got a "
        + array.getClass().getSimpleName());
  }

  /** The value as a TF array of its own precision: a {@link FloatNdArray} or a {@link DoubleNdArray}. */
  public static NdArray<?> toNdArray(NdValue value) {
    return requireNonNull(value, "TfNdArrays.toNdArray: value").dtype() == DType.FLOAT32 ? toFloatNdArray(value)
        : toDoubleNdArray(value);
  }

  /** The value as a float array (a float64 value rounded to float32). */
  public static FloatNdArray toFloatNdArray(NdValue value) {
    requireNonNull(value, "TfNdArrays.toFloatNdArray: value");
    return NdArrays.wrap(shape(value.shape()), DataBuffers.of(value.toFloatArray(), false, false));
  }

  /** The value as a double array (a float32 value widened exactly). */
  public static DoubleNdArray toDoubleNdArray(NdValue value) {
    requireNonNull(value, "TfNdArrays.toDoubleNdArray: value");
    return NdArrays.wrap(shape(value.shape()), DataBuffers.of(value.toDoubleArray(), false, false));
  }

  private static Shape shape(dev.layerwise.Shape shape) {
    int[] d = shape.dims();
    long[] dims = new long[d.length];
    for (int i = 0; i < d.length; i++) {
      dims[i] = d[i];
    }
    return Shape.of(dims);
  }

  private static dev.layerwise.Shape shape(Shape shape) {
    long[] dims = shape.asArray();
    int[] d = new int[dims.length];
    for (int i = 0; i < d.length; i++) {
      checkArgument(dims[i] > 0 && dims[i] <= Integer.MAX_VALUE, "TfNdArrays.fromNdArray: an NdValue needs"
          + " dimensions from 1 to 2^31-1, got %s in shape %s", dims[i], shape);
      d[i] = (int) dims[i];
    }
    return dev.layerwise.Shape.of(d);
  }
}
