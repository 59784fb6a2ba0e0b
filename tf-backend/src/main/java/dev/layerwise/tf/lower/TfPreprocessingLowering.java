package dev.layerwise.tf.lower;

import dev.layerwise.Shape;
import dev.layerwise.layers.CenterCrop;
import dev.layerwise.layers.Normalization;
import dev.layerwise.layers.Resizing;
import java.util.Arrays;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * The preprocessing layers, from primitives whose gradients TF registers ({@code Mul}, {@code Sub},
 * {@code RealDiv}, {@code MatMul}, {@code Transpose}, {@code Slice}), so an input gradient flows through them
 * wherever they sit. Resizing is two matrix products rather than TF's {@code ResizeBilinear}: that kernel
 * computes in float32 whatever the input type (its output is float32), which a float64 graph cannot match.
 */
final class TfPreprocessingLowering {
  private TfPreprocessingLowering() {}

  /** {@code x·scale + offset}. */
  static <T extends TFloating> Operand<T> rescaling(TfScope<T> s, double scale, double offset, Operand<T> x) {
    Operand<T> y = s.tf().math.mul(x, s.constant(scale));
    return offset == 0 ? y : s.tf().math.add(y, s.constant(offset));
  }

  /**
   * {@code (x − mean) / max(√variance, ε)}, or {@code x − mean} without a variance; the statistics, shaped like the
   * kept axes, are reshaped to broadcast against the batch: the kept axes' dimensions, 1 elsewhere.
   */
  static <T extends TFloating> Operand<T> normalization(TfScope<T> s, Normalization layer, Shape input,
      Operand<T> x, Operand<T> mean, Operand<T> variance) {
    Ops tf = s.tf();
    int[] dims = new int[input.rank() + 1];
    Arrays.fill(dims, 1);
    for (int a : layer.resolvedAxes(input)) {
      dims[a + 1] = input.dim(a);
    }
    Operand<T> centred = tf.math.sub(x, tf.reshape(mean, s.ints(dims)));
    if (variance == null) {
      return centred;
    }
    Operand<T> divisor = tf.math.maximum(tf.math.sqrt(tf.reshape(variance, s.ints(dims))),
        s.constant(Normalization.EPSILON));
    return tf.math.div(centred, divisor);
  }

  /** The central window: {@code Slice} from {@code [0, top, left, 0]}, {@code [batch, height, width, channels]}. */
  static <T extends TFloating> Operand<T> centerCrop(TfScope<T> s, CenterCrop layer, Shape input, Operand<T> x) {
    return s.tf().slice(x, s.ints(0, layer.top(input), layer.left(input), 0),
        s.ints(-1, layer.height(), layer.width(), -1));
  }

  /**
   * {@code [n, h, w, c] → [n, H, W, c]}: rows first ({@code W_h · X} with h leading, the rest flattened), then
   * columns likewise, then back to NHWC.
   */
  static <T extends TFloating> Operand<T> resizing(TfScope<T> s, Resizing layer, Shape input, Operand<T> x) {
    return separable(s, input, x, layer.interpolation().matrix(input.dim(0), layer.height()), layer.height(),
        layer.interpolation().matrix(input.dim(1), layer.width()), layer.width());
  }

  /**
   * {@code Y = R · X · Cᵀ} per image and channel, with constant maps {@code R [outH, h]} and {@code C [outW, w]}
   * (row-major), the same for every image.
   */
  static <T extends TFloating> Operand<T> separable(TfScope<T> s, Shape input, Operand<T> x, double[] rowMap,
      int outH, double[] columnMap, int outW) {
    Ops tf = s.tf();
    int h = input.dim(0);
    int w = input.dim(1);
    int c = input.dim(2);
    Operand<T> rows = matrix(s, rowMap, outH, h);
    Operand<T> cols = matrix(s, columnMap, outW, w);
    Operand<T> hFirst = tf.reshape(tf.linalg.transpose(x, s.ints(1, 0, 2, 3)), s.ints(h, -1)); // [h, n·w·c]
    Operand<T> byRows = tf.reshape(tf.linalg.matMul(rows, hFirst), s.ints(outH, -1, w, c)); // [H, n, w, c]
    Operand<T> wFirst = tf.reshape(tf.linalg.transpose(byRows, s.ints(2, 0, 1, 3)), s.ints(w, -1)); // [w, H·n·c]
    Operand<T> byCols = tf.reshape(tf.linalg.matMul(cols, wFirst), s.ints(outW, outH, -1, c)); // [W, H, n, c]
    return tf.linalg.transpose(byCols, s.ints(2, 1, 0, 3));
  }

  /** A {@code [rows, cols]} constant of the scope's type from row-major values. */
  @SuppressWarnings("unchecked")
  static <T extends TFloating> Operand<T> matrix(TfScope<T> s, double[] values, int rows, int cols) {
    if (s.isDouble()) {
      double[][] m = new double[rows][cols];
      for (int i = 0; i < rows; i++) {
        System.arraycopy(values, i * cols, m[i], 0, cols);
      }
      return (Operand<T>) s.tf().constant(m);
    }
    float[][] m = new float[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        m[i][j] = (float) values[i * cols + j];
      }
    }
    return (Operand<T>) s.tf().constant(m);
  }
}
