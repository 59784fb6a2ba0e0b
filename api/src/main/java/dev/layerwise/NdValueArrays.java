package dev.layerwise;

import static com.google.common.base.Preconditions.checkArgument;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

/** {@link NdValue}'s conversions from and to nested Java arrays, and its text form. */
final class NdValueArrays {
  /** Beyond this many elements {@code toString} summarises, as NumPy's default {@code threshold}. */
  private static final int SUMMARY_THRESHOLD = 1000;
  /** Entries shown at each end of a summarised axis, as NumPy's {@code edgeitems}. */
  private static final int EDGE_ITEMS = 3;

  private NdValueArrays() {}

  static NdValue fromArray(Object array) {
    checkArgument(array != null, "NdValue.fromArray: the array is null");
    Class<?> element = array.getClass();
    int rank = 0;
    while (element.isArray()) {
      element = element.getComponentType();
      rank++;
    }
    checkArgument(rank > 0 && (element == float.class || element == double.class), "NdValue.fromArray: expected a"
        + " float or double array of any rank (float[], double[][], ...), got %s", array.getClass().getSimpleName());
    int[] dims = new int[rank];
    Object level = array;
    for (int a = 0; a < rank; a++) {
      dims[a] = Array.getLength(level);
      checkArgument(dims[a] > 0, "NdValue.fromArray: axis %s of the %s is empty; every axis needs at least one"
          + " entry", a, array.getClass().getSimpleName());
      level = a + 1 < rank ? Array.get(level, 0) : null;
      checkArgument(a + 1 == rank || level != null, "NdValue.fromArray: entry [0] on axis %s is null", a);
    }
    Shape shape = Shape.of(dims);
    boolean isFloat = element == float.class;
    float[] f = isFloat ? new float[shape.size()] : null;
    double[] d = isFloat ? null : new double[shape.size()];
    copyIn(array, dims, 0, "", f, d, new int[1]);
    return isFloat ? NdValue.own(shape, f) : NdValue.own(shape, d);
  }

  /** Copies the rows of a nested array into the flat one, checking each row's length against its axis. */
  private static void copyIn(Object level, int[] dims, int axis, String path, float[] f, double[] d, int[] at) {
    checkArgument(level != null, "NdValue.fromArray: entry %s is null", path);
    int n = Array.getLength(level);
    checkArgument(n == dims[axis], "NdValue.fromArray: ragged array: entry %s has %s entries, expected %s like entry"
        + " %s", path.isEmpty() ? "(the array itself)" : path, n, dims[axis], firstPath(axis));
    if (axis == dims.length - 1) {
      if (f != null) {
        System.arraycopy(level, 0, f, at[0], n);
      } else {
        System.arraycopy(level, 0, d, at[0], n);
      }
      at[0] += n;
      return;
    }
    for (int i = 0; i < n; i++) {
      copyIn(Array.get(level, i), dims, axis + 1, path + "[" + i + "]", f, d, at);
    }
  }

  private static String firstPath(int axis) {
    return axis == 0 ? "(the array itself)" : "[0]".repeat(axis);
  }

  static <A> A toArray(NdValue v, Class<A> type) {
    Class<?> element = type;
    int rank = 0;
    while (element.isArray()) {
      element = element.getComponentType();
      rank++;
    }
    checkArgument(rank == v.rank() && (element == float.class || element == double.class), "NdValue.toArray: a"
        + " value of shape %s needs a float or double array of rank %s (such as %s), got %s", v.shape(), v.rank(),
        v.rank() == 0 ? "none: use getDouble()" : "double" + "[]".repeat(v.rank()), type.getSimpleName());
    int[] dims = v.shape().dims();
    Object out = Array.newInstance(element, dims);
    Object flat = element == float.class ? v.toFloatArray() : v.toDoubleArray();
    copyOut(flat, out, dims, 0, new int[1]);
    return type.cast(out);
  }

  private static void copyOut(Object flat, Object level, int[] dims, int axis, int[] at) {
    if (axis == dims.length - 1) {
      System.arraycopy(flat, at[0], level, 0, dims[axis]);
      at[0] += dims[axis];
      return;
    }
    for (int i = 0; i < dims[axis]; i++) {
      copyOut(flat, Array.get(level, i), dims, axis + 1, at);
    }
  }

  static String format(NdValue v) {
    StringBuilder b = new StringBuilder(v.dtype().name().toLowerCase()).append(' ').append(v.shape()).append(' ');
    if (v.rank() == 0) {
      return b.append(v.getDouble()).toString();
    }
    appendAxis(v, 0, 0, v.size() > SUMMARY_THRESHOLD, b);
    return b.toString();
  }

  /** Appends the entries of one axis, starting at flat position {@code start}, nested by bracket. */
  private static void appendAxis(NdValue v, int axis, int start, boolean summarise, StringBuilder b) {
    int n = v.shape().dim(axis);
    int stride = 1;
    for (int a = axis + 1; a < v.rank(); a++) {
      stride *= v.shape().dim(a);
    }
    List<Integer> shown = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (!summarise || n <= 2 * EDGE_ITEMS || i < EDGE_ITEMS || i >= n - EDGE_ITEMS) {
        shown.add(i);
      }
    }
    b.append('[');
    for (int k = 0; k < shown.size(); k++) {
      int i = shown.get(k);
      if (k > 0) {
        b.append(", ");
        if (shown.get(k - 1) != i - 1) {
          b.append("..., ");
        }
      }
      if (axis == v.rank() - 1) {
        b.append(v.dtype() == DType.FLOAT32 ? Float.toString((float) v.getFlat(start + i))
            : Double.toString(v.getFlat(start + i)));
      } else {
        appendAxis(v, axis + 1, start + i * stride, summarise, b);
      }
    }
    b.append(']');
  }
}
