package dev.layerwise;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * An n-dimensional array of numbers held in Java: a {@link Shape}, a {@link DType} and the values in row-major order.
 * What the model hands out and takes in when you look inside it: weights ({@code CompiledModel.weights()}),
 * gradients, the outputs of a forward pass and of any layer, dropout masks, initial values
 * ({@code Initializer.fromArray}).
 *
 * <p>Immutable and safe to share between threads: the factories copy what they are given and the conversions back
 * to arrays copy out, so no caller can change a value another one holds. Views are cheap: {@link #slice(int)},
 * {@link #slice(int, int)} and {@link #reshape(Shape)} share the values instead of copying them.
 *
 * <pre>{@code
 * NdValue w = NdValue.fromArray(new float[][] {{1, 2, 3}, {4, 5, 6}});   // float32 [2, 3]
 * NdValue row = w.slice(1);                                              // float32 [3]: 4, 5, 6 (a view)
 * double x = w.getDouble(1, 2);                                          // 6.0
 * float[][] back = w.toArray(float[][].class);
 * }</pre>
 *
 * <p>{@link #equals} is exact: the same dtype, shape and values (bit for bit, so {@code NaN} equals {@code NaN} and
 * {@code 0.0} does not equal {@code -0.0}); compare computed values with {@link #allClose}.
 */
public final class NdValue {
  private final Shape shape;
  /** The values of a float32 value, or null. */
  private final float[] floats;
  /** The values of a float64 value, or null. */
  private final double[] doubles;
  /** Where this value's first element sits in the shared array (views of the first axis start later). */
  private final int offset;

  private NdValue(Shape shape, float[] floats, double[] doubles, int offset) {
    this.shape = shape;
    this.floats = floats;
    this.doubles = doubles;
    this.offset = offset;
  }

  /** A float32 value of the given shape holding a copy of {@code values} (row-major, {@code shape.size()} of them). */
  public static NdValue of(Shape shape, float... values) {
    checkSize(requireNonNull(shape, "NdValue: shape"), requireNonNull(values, "NdValue: values").length);
    return new NdValue(shape, values.clone(), null, 0);
  }

  /** A float64 value of the given shape holding a copy of {@code values} (row-major, {@code shape.size()} of them). */
  public static NdValue of(Shape shape, double... values) {
    checkSize(requireNonNull(shape, "NdValue: shape"), requireNonNull(values, "NdValue: values").length);
    return new NdValue(shape, null, values.clone(), 0);
  }

  /**
   * A value copied from a Java array of any rank: {@code float[]}, {@code float[][]}, … give float32 and
   * {@code double[]}, {@code double[][]}, … float64. Every row must have the same length.
   *
   * @throws IllegalArgumentException for another kind of object, a ragged or an empty array, naming where
   */
  public static NdValue fromArray(Object array) {
    return NdValueArrays.fromArray(array);
  }

  /** Every element 0. */
  public static NdValue zeros(Shape shape, DType dtype) {
    return filled(shape, dtype, 0);
  }

  /** Every element {@code value} (rounded to float32 for {@link DType#FLOAT32}). */
  public static NdValue filled(Shape shape, DType dtype, double value) {
    requireNonNull(shape, "NdValue: shape");
    if (requireNonNull(dtype, "NdValue: dtype") == DType.FLOAT32) {
      float[] f = new float[shape.size()];
      Arrays.fill(f, (float) value);
      return new NdValue(shape, f, null, 0);
    }
    double[] d = new double[shape.size()];
    Arrays.fill(d, value);
    return new NdValue(shape, null, d, 0);
  }

  /** Takes ownership of {@code values} without copying: only for arrays nobody else holds. */
  static NdValue own(Shape shape, float[] values) {
    checkSize(shape, values.length);
    return new NdValue(shape, values, null, 0);
  }

  /** Takes ownership of {@code values} without copying: only for arrays nobody else holds. */
  static NdValue own(Shape shape, double[] values) {
    checkSize(shape, values.length);
    return new NdValue(shape, null, values, 0);
  }

  private static void checkSize(Shape shape, int length) {
    checkArgument(length == shape.size(), "NdValue: shape %s holds %s values, got %s", shape, shape.size(), length);
  }

  public Shape shape() {
    return shape;
  }

  public DType dtype() {
    return floats != null ? DType.FLOAT32 : DType.FLOAT64;
  }

  public int rank() {
    return shape.rank();
  }

  /** The number of elements. */
  public int size() {
    return shape.size();
  }

  /**
   * The element at the given index (one coordinate per axis; none for a scalar), widened to double.
   *
   * @throws IndexOutOfBoundsException for a wrong number of coordinates or one out of range, naming the axis
   */
  public double getDouble(int... index) {
    int i = offset + flatIndex(index);
    return floats != null ? floats[i] : doubles[i];
  }

  /** The element at the given index, rounded to float32 if the value is float64. */
  public float getFloat(int... index) {
    int i = offset + flatIndex(index);
    return floats != null ? floats[i] : (float) doubles[i];
  }

  private int flatIndex(int[] index) {
    if (index.length != shape.rank()) {
      throw new IndexOutOfBoundsException(String.format("NdValue of shape %s takes %s coordinates, got %s %s", shape,
          shape.rank(), index.length, Arrays.toString(index)));
    }
    int flat = 0;
    for (int a = 0; a < index.length; a++) {
      int d = shape.dim(a);
      if (index[a] < 0 || index[a] >= d) {
        throw new IndexOutOfBoundsException(String.format("NdValue of shape %s: index %s on axis %s is outside"
            + " [0, %s)", shape, index[a], a, d));
      }
      flat = flat * d + index[a];
    }
    return flat;
  }

  /** The element at a row-major position {@code [0, size())}, widened to double. */
  public double getFlat(int flatIndex) {
    checkFlat(flatIndex);
    int i = offset + flatIndex;
    return floats != null ? floats[i] : doubles[i];
  }

  private void checkFlat(int flatIndex) {
    if (flatIndex < 0 || flatIndex >= size()) {
      throw new IndexOutOfBoundsException(String.format("NdValue of shape %s: flat index %s is outside [0, %s)",
          shape, flatIndex, size()));
    }
  }

  /**
   * Entry {@code index} along the first axis, one rank less ({@code v[index]} in NumPy): a sample of a batch, a row of
   * a matrix. A view, not a copy.
   */
  public NdValue slice(int index) {
    checkArgument(shape.rank() > 0, "NdValue: a scalar cannot be sliced");
    if (index < 0 || index >= shape.dim(0)) {
      throw new IndexOutOfBoundsException(String.format("NdValue of shape %s: slice %s is outside [0, %s)", shape,
          index, shape.dim(0)));
    }
    Shape rest = shape.dropFirst();
    return new NdValue(rest, floats, doubles, offset + index * rest.size());
  }

  /** Entries {@code [from, to)} along the first axis ({@code v[from:to]}): samples of a batch. A view. */
  public NdValue slice(int from, int to) {
    checkArgument(shape.rank() > 0, "NdValue: a scalar cannot be sliced");
    int n = shape.dim(0);
    if (from < 0 || to > n || from >= to) {
      throw new IndexOutOfBoundsException(String.format("NdValue of shape %s: need 0 <= from < to <= %s, got [%s,"
          + " %s)", shape, n, from, to));
    }
    int[] dims = shape.dims();
    dims[0] = to - from;
    return new NdValue(Shape.of(dims), floats, doubles, offset + from * (shape.size() / n));
  }

  /** The same values under another shape of the same size (row-major order kept). A view. */
  public NdValue reshape(Shape newShape) {
    checkArgument(requireNonNull(newShape, "NdValue.reshape: shape").size() == size(), "NdValue: cannot reshape %s"
        + " (%s values) to %s (%s values)", shape, size(), newShape, newShape.size());
    return new NdValue(newShape, floats, doubles, offset);
  }

  /** This value in the given precision: itself when it already is, else a rounded or widened copy. */
  public NdValue withDType(DType dtype) {
    if (requireNonNull(dtype, "NdValue.withDType: dtype") == dtype()) {
      return this;
    }
    return dtype == DType.FLOAT32 ? new NdValue(shape, toFloatArray(), null, 0)
        : new NdValue(shape, null, toDoubleArray(), 0);
  }

  /** A copy of the values, row-major, rounded to float32 if the value is float64. */
  public float[] toFloatArray() {
    int n = size();
    if (floats != null) {
      return Arrays.copyOfRange(floats, offset, offset + n);
    }
    float[] f = new float[n];
    for (int i = 0; i < n; i++) {
      f[i] = (float) doubles[offset + i];
    }
    return f;
  }

  /** A copy of the values, row-major, widened to double (exactly) if the value is float32. */
  public double[] toDoubleArray() {
    int n = size();
    if (doubles != null) {
      return Arrays.copyOfRange(doubles, offset, offset + n);
    }
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = floats[offset + i];
    }
    return d;
  }

  /**
   * The values as a new nested Java array of the given type, whose rank must be this value's:
   * {@code toArray(double[][].class)} for a matrix. Values are rounded or widened to the array's element type.
   *
   * @throws IllegalArgumentException for a type that is not a float or double array of this rank
   */
  public <A> A toArray(Class<A> type) {
    return NdValueArrays.toArray(this, requireNonNull(type, "NdValue.toArray: type"));
  }

  /**
   * Whether both have the same shape and every pair of elements is close: {@code |a − b| ≤ atol + rtol·|b|}, with
   * {@code b} the element of {@code other} (NumPy's {@code allclose}; a NaN is close to nothing). The dtypes may
   * differ.
   */
  public boolean allClose(NdValue other, double rtol, double atol) {
    requireNonNull(other, "NdValue.allClose: other");
    if (!shape.equals(other.shape)) {
      return false;
    }
    for (int i = 0; i < size(); i++) {
      double a = getFlat(i);
      double b = other.getFlat(i);
      if (!(Math.abs(a - b) <= atol + rtol * Math.abs(b))) {
        return false;
      }
    }
    return true;
  }

  /** The largest {@code |a − b|} over all elements; both must have the same shape. */
  public double maxAbsDifference(NdValue other) {
    checkArgument(shape.equals(requireNonNull(other, "NdValue.maxAbsDifference: other").shape), "NdValue: cannot"
        + " compare shape %s with %s", shape, other.shape);
    double max = 0;
    for (int i = 0; i < size(); i++) {
      double d = Math.abs(getFlat(i) - other.getFlat(i));
      max = Double.isNaN(d) ? d : Math.max(max, d);
    }
    return max;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof NdValue v) || v.dtype() != dtype() || !v.shape.equals(shape)) {
      return false;
    }
    int n = size();
    return floats != null ? Arrays.equals(floats, offset, offset + n, v.floats, v.offset, v.offset + n)
        : Arrays.equals(doubles, offset, offset + n, v.doubles, v.offset, v.offset + n);
  }

  @Override
  public int hashCode() {
    int h = 31 * shape.hashCode() + dtype().hashCode();
    for (int i = 0; i < size(); i++) {
      h = 31 * h + (floats != null ? Float.hashCode(floats[offset + i]) : Double.hashCode(doubles[offset + i]));
    }
    return h;
  }

  /**
   * The dtype, the shape and the values nested by axis, as NumPy prints them: {@code float32 [2, 2]
   * [[1.0, 2.0], [3.0, 4.0]]}; beyond 1000 elements each axis shows its first and last three entries around
   * {@code ...}.
   */
  @Override
  public String toString() {
    return NdValueArrays.format(this);
  }
}
