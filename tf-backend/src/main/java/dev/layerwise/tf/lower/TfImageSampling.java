package dev.layerwise.tf.lower;

import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.op.Ops;
import org.tensorflow.op.Scope;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * Per-image separable resampling in a TF graph, the shared shape of the flip, crop and translation lowerings:
 * {@code y_s = R_s · x_s · C_sᵀ} per channel with a row map {@code R [n, H, h]} and a column map {@code C [n, W, w]}
 * built in the graph from the fed draws. The maps depend on placeholders only, so no gradient is asked of the ops
 * that build them ({@code Floor}, {@code OneHot}, {@code Cast}); the gradient to x goes through {@code BatchMatMulV2},
 * {@code Reshape} and {@code Transpose}, all registered in TF's C++ gradients. TF Java's {@code batchMatMul} builds
 * {@code BatchMatMulV3}, which has no C++ gradient, so the V2 op is built by name.
 */
final class TfImageSampling {
  private TfImageSampling() {}

  /**
   * {@code [n, h, w, c] → [n, H, W, c]}.
   *
   * @param rows {@code [n, H, h]}, or {@code null} to keep the rows (then H = h)
   * @param cols {@code [n, W, w]}, or {@code null} to keep the columns (then W = w)
   */
  static <T extends TFloating> Operand<T> apply(TfScope<T> s, Operand<T> x, int h, int w, int c, int outH, int outW,
      Operand<T> rows, Operand<T> cols) {
    Ops tf = s.tf();
    Operand<T> y = x;
    if (rows != null) {
      Operand<T> byRows = batchMatMul(s, rows, tf.reshape(x, s.ints(-1, h, w * c))); // [n, H, w·c]
      y = tf.reshape(byRows, s.ints(-1, outH, w, c));
    }
    if (cols != null) {
      Operand<T> wFirst = tf.reshape(tf.linalg.transpose(y, s.ints(0, 2, 1, 3)), s.ints(-1, w, outH * c));
      Operand<T> byCols = tf.reshape(batchMatMul(s, cols, wFirst), s.ints(-1, outW, outH, c)); // [n, W, H, c]
      y = tf.linalg.transpose(byCols, s.ints(0, 2, 1, 3));
    }
    return y;
  }

  /**
   * The maps of one axis of n pixels from sample coordinates {@code u [batch, out]}: bilinear puts {@code 1 − t} on
   * ⌊u⌋ and t on ⌊u⌋ + 1 ({@code t = u − ⌊u⌋}); an index outside [0, n) gets no entry ({@code OneHot}'s rule), so
   * that sample reads nothing. Gives {@code [batch, out, n]}.
   */
  static <T extends TFloating> Operand<T> bilinear(TfScope<T> s, Operand<T> u, int n) {
    Ops tf = s.tf();
    Operand<T> floor = tf.math.floor(u);
    Operand<T> t = tf.expandDims(tf.math.sub(u, floor), s.ints(-1));
    Operand<T> low = tf.math.mul(oneHot(s, floor, n), tf.math.sub(s.constant(1), t));
    Operand<T> high = tf.math.mul(oneHot(s, tf.math.add(floor, s.constant(1)), n), t);
    return tf.math.add(low, high);
  }

  /** Weight 1 on each coordinate u (a whole number), nothing when it is outside [0, n): {@code [batch, out, n]}. */
  static <T extends TFloating> Operand<T> oneHot(TfScope<T> s, Operand<T> u, int n) {
    Ops tf = s.tf();
    Operand<TInt32> index = tf.dtypes.cast(u, TInt32.class);
    return tf.oneHot(index, tf.constant(n), s.constant(1), s.constant(0));
  }

  /** {@code [1, out]}: 0, 1, …, out − 1, the output indices sample coordinates start from. */
  static <T extends TFloating> Operand<T> indices(TfScope<T> s, int out) {
    double[] row = new double[out];
    for (int i = 0; i < out; i++) {
      row[i] = i;
    }
    return TfPreprocessingLowering.matrix(s, row, 1, out);
  }

  /** Column k of fed draws {@code [batch, K]}, as {@code [batch, 1]}. */
  static <T extends TFloating> Operand<T> draw(TfScope<T> s, Operand<T> draws, int k) {
    return s.tf().slice(draws, s.ints(0, k), s.ints(-1, 1));
  }

  /** {@code a · b} batched over the first axis, as TF's {@code BatchMatMulV2} (see the class comment). */
  private static <T extends TFloating> Operand<T> batchMatMul(TfScope<T> s, Operand<T> a, Operand<T> b) {
    Scope scope = s.tf().scope();
    Operation op = scope.env().opBuilder("BatchMatMulV2", scope.makeOpName("BatchMatMulV2"), scope)
        .addInput(a.asOutput()).addInput(b.asOutput()).build();
    return op.output(0);
  }
}
