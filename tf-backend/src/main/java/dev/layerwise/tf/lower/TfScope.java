package dev.layerwise.tf.lower;

import dev.layerwise.DType;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * The op factory of one graph together with the floating type everything is built in (float32 for training,
 * float64 for conformance checks), and the small helpers every lowering needs.
 *
 * @param <T> {@link TFloat32} or {@link TFloat64}
 */
public final class TfScope<T extends TFloating> {
  private final Ops tf;
  private final Class<T> type;

  private TfScope(Ops tf, Class<T> type) {
    this.tf = tf;
    this.type = type;
  }

  /** A scope of the Java type matching {@code dtype}; callers keep it as a wildcard-free generic via capture. */
  public static TfScope<?> of(Ops tf, DType dtype) {
    return dtype == DType.FLOAT64 ? new TfScope<>(tf, TFloat64.class) : new TfScope<>(tf, TFloat32.class);
  }

  public Ops tf() {
    return tf;
  }

  public Class<T> type() {
    return type;
  }

  public boolean isDouble() {
    return type == TFloat64.class;
  }

  /** A scalar constant of the scope's type (rounded to float32 in a float32 graph). */
  @SuppressWarnings("unchecked")
  public Operand<T> constant(double value) {
    return isDouble() ? (Operand<T>) tf.constant(value) : (Operand<T>) tf.constant((float) value);
  }

  public Operand<TInt32> ints(int... values) {
    return tf.constant(values);
  }

  /** A placeholder of the scope's type named by a path; {@code -1} marks the dynamic batch dimension. */
  public Placeholder<T> placeholder(String path, long... dims) {
    return named(tf, path).placeholder(type, Placeholder.shape(Shape.of(dims)));
  }

  /**
   * The op factory that names its next op by a {@code /}-separated path ({@code dense/kernel/m}): TF Java's
   * {@code withName} refuses '/', so all but the last part become sub-scopes.
   */
  public static Ops named(Ops tf, String path) {
    String[] parts = path.split("/");
    Ops o = tf;
    for (int i = 0; i < parts.length - 1; i++) {
      o = o.withSubScope(parts[i]);
    }
    return o.withName(parts[parts.length - 1]);
  }

  /**
   * The same scope under a name prefix ({@code dense_1/...}); a {@code /}-separated prefix ({@code dense/call_1},
   * the second application of a shared layer) becomes nested sub-scopes.
   */
  public TfScope<T> sub(String name) {
    Ops o = tf;
    for (String part : name.split("/")) {
      o = o.withSubScope(part);
    }
    return new TfScope<>(o, type);
  }

  /**
   * The same scope whose every op waits for {@code ops} (control dependencies): how a step unrolled after another
   * reads and writes the variables only after that step's writes ({@code TfChunkGraph}).
   */
  public TfScope<T> after(List<? extends Op> ops) {
    return new TfScope<>(tf.withControlDependencies(new ArrayList<>(ops)), type);
  }

  /** The same dimensions as {@link #batchDims}, as a reshape target. */
  public static int[] batchIntDims(dev.layerwise.Shape sample) {
    int[] d = sample.dims();
    int[] out = new int[d.length + 1];
    out[0] = -1;
    System.arraycopy(d, 0, out, 1, d.length);
    return out;
  }

  /** The axes {@code 0..rank-1}: a reduction over all of them gives a scalar. */
  public Operand<TInt32> axesBelow(int rank) {
    int[] axes = new int[rank];
    for (int i = 0; i < rank; i++) {
      axes[i] = i;
    }
    return tf.constant(axes);
  }

  /** Dimensions of a per-sample shape with a leading dynamic batch: {@code [-1, ...shape]}. */
  public static long[] batchDims(dev.layerwise.Shape sample) {
    int[] d = sample.dims();
    long[] out = new long[d.length + 1];
    out[0] = -1;
    for (int i = 0; i < d.length; i++) {
      out[i + 1] = d[i];
    }
    return out;
  }
}
