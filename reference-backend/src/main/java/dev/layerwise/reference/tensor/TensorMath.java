package dev.layerwise.reference.tensor;

/**
 * The few dense kernels the equations need, on flat row-major {@code double[]} matrices. Shapes are passed
 * explicitly: {@code a [n, k]} means {@code a[r·k + c]} is row r, column c.
 *
 * <p>The products use the i-k-j order: an element of the left matrix times a whole row of the right one, added
 * to a whole row of the result, so every inner loop runs over contiguous memory (never the textbook i-j-k dot
 * product down a column). The summed index is unrolled by four ({@link #axpy4}), so each element of the result is
 * loaded and stored once per four products: HotSpot 17 does not vectorise a loop whose loads and stores use
 * different offsets (it cannot rule out aliasing), and in scalar code those loads and stores are the bottleneck.
 */
public final class TensorMath {
  private TensorMath() {}

  /** {@code c [n, m] += a [n, k] · b [k, m]}, in i-k-j order. */
  public static void matmulAccumulate(double[] a, double[] b, double[] c, int n, int k, int m) {
    for (int i = 0; i < n; i++) {
      int ci = i * m;
      int ai = i * k;
      int p = 0;
      for (; p + 3 < k; p += 4) {
        axpy4(c, ci, a[ai + p], a[ai + p + 1], a[ai + p + 2], a[ai + p + 3], b, p * m, m);
      }
      for (; p < k; p++) {
        axpy(c, ci, a[ai + p], b, p * m, m);
      }
    }
  }

  /** {@code a [n, k] · b [k, m]}, a new {@code [n, m]} matrix. */
  public static double[] matmul(double[] a, double[] b, int n, int k, int m) {
    double[] c = new double[n * m];
    matmulAccumulate(a, b, c, n, k, m);
    return c;
  }

  /**
   * {@code aᵀ · b} for {@code a [n, k]} and {@code b [n, m]}: a new {@code [k, m]} matrix, the sum over the n
   * rows of the outer products {@code a[r,:]ᵀ b[r,:]}. This is a Dense layer's {@code dW = xᵀ·dy}.
   *
   * <p>The output row i is finished before the next one starts, so it stays in L1 cache while the n rows of b
   * (a batch of output gradients, small) stream past it; a is read down a column, n values per row of c.
   */
  public static double[] matmulTransposeA(double[] a, double[] b, int n, int k, int m) {
    double[] c = new double[k * m];
    for (int i = 0; i < k; i++) {
      int ci = i * m;
      int r = 0;
      for (; r + 3 < n; r += 4) {
        axpy4(c, ci, a[r * k + i], a[(r + 1) * k + i], a[(r + 2) * k + i], a[(r + 3) * k + i], b, r * m, m);
      }
      for (; r < n; r++) {
        axpy(c, ci, a[r * k + i], b, r * m, m);
      }
    }
    return c;
  }

  /**
   * {@code a · bᵀ} for {@code a [n, m]} and {@code b [k, m]}: a new {@code [n, k]} matrix whose element
   * {@code (r, i)} is the dot product of row r of a with row i of b, both contiguous. This is a Dense layer's
   * {@code dx = dy·Wᵀ}.
   */
  public static double[] matmulTransposeB(double[] a, double[] b, int n, int m, int k) {
    double[] c = new double[n * k];
    for (int r = 0; r < n; r++) {
      int ar = r * m;
      for (int i = 0; i < k; i++) {
        int bi = i * m;
        double s = 0;
        for (int j = 0; j < m; j++) {
          s += a[ar + j] * b[bi + j];
        }
        c[r * k + i] = s;
      }
    }
    return c;
  }

  /** Column sums of {@code a [n, m]}: {@code out[j] = Σ_r a[r, j]}, a new {@code [m]} vector. */
  public static double[] sumRows(double[] a, int n, int m) {
    double[] out = new double[m];
    for (int r = 0; r < n; r++) {
      int ar = r * m;
      for (int j = 0; j < m; j++) {
        out[j] += a[ar + j];
      }
    }
    return out;
  }

  /** Each row of {@code a [n, m]} set to {@code v [m]}: the starting point of {@code x·W + b}. */
  public static double[] broadcastRows(double[] v, int n) {
    int m = v.length;
    double[] a = new double[n * m];
    for (int r = 0; r < n; r++) {
      System.arraycopy(v, 0, a, r * m, m);
    }
    return a;
  }

  /** {@code c[ci : ci+m] += x · b[bi : bi+m]}. */
  private static void axpy(double[] c, int ci, double x, double[] b, int bi, int m) {
    for (int j = 0; j < m; j++) {
      c[ci + j] += x * b[bi + j];
    }
  }

  /** {@code c[ci : ci+m] += Σ_q x_q · b[bi + q·m : bi + (q+1)·m]} over four consecutive rows q of b. */
  private static void axpy4(double[] c, int ci, double x0, double x1, double x2, double x3, double[] b, int bi,
      int m) {
    int b1 = bi + m;
    int b2 = b1 + m;
    int b3 = b2 + m;
    for (int j = 0; j < m; j++) {
      c[ci + j] += x0 * b[bi + j] + x1 * b[b1 + j] + x2 * b[b2 + j] + x3 * b[b3 + j];
    }
  }
}
