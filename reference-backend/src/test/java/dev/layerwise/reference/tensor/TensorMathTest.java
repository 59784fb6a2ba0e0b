package dev.layerwise.reference.tensor;

import static dev.layerwise.reference.RefGradientCheck.assertAllClose;
import static dev.layerwise.reference.RefGradientCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kernel against the textbook triple loop, on sizes that do and do not divide the unroll factor. */
class TensorMathTest {
  private static final double RTOL = 1e-13;
  private static final double ATOL = 1e-13;

  /** {@code c[i,j] = Σ_p a[i,p] b[p,j]}, the definition. */
  private static double[] naive(double[] a, double[] b, int n, int k, int m) {
    double[] c = new double[n * m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        for (int p = 0; p < k; p++) {
          c[i * m + j] += a[i * k + p] * b[p * m + j];
        }
      }
    }
    return c;
  }

  private static double[] transpose(double[] a, int rows, int cols) {
    double[] t = new double[a.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        t[c * rows + r] = a[r * cols + c];
      }
    }
    return t;
  }

  @ParameterizedTest(name = "n={0} k={1} m={2}")
  @CsvSource({"1, 1, 1", "3, 4, 5", "5, 7, 3", "4, 9, 6", "2, 8, 1", "6, 1, 7"})
  void productsMatchTheDefinition(int n, int k, int m) {
    Random random = new Random(n * 100 + k * 10 + m);
    double[] a = uniform(random, n * k, -2, 2);
    double[] b = uniform(random, k * m, -2, 2);
    double[] expected = naive(a, b, n, k, m);
    assertAllClose("matmul", expected, TensorMath.matmul(a, b, n, k, m), ATOL, RTOL);

    double[] c = uniform(random, n * m, -1, 1);
    double[] accumulated = c.clone();
    TensorMath.matmulAccumulate(a, b, accumulated, n, k, m);
    double[] sum = expected.clone();
    for (int i = 0; i < sum.length; i++) {
      sum[i] += c[i];
    }
    assertAllClose("matmulAccumulate", sum, accumulated, ATOL, RTOL);

    double[] bRows = uniform(random, n * m, -2, 2); // [n, m]: aᵀ [k, n] · bRows [n, m]
    assertAllClose("matmulTransposeA", naive(transpose(a, n, k), bRows, k, n, m),
        TensorMath.matmulTransposeA(a, bRows, n, k, m), ATOL, RTOL);
    // a [n, k] · bᵀ with the [m, k] matrix bᵀ stored row-major
    assertAllClose("matmulTransposeB", expected, TensorMath.matmulTransposeB(a, transpose(b, k, m), n, k, m),
        ATOL, RTOL);
  }

  @Test
  void sumRowsAndBroadcast() {
    double[] a = {1, 2, 3, 4, 5, 6}; // [3, 2]
    assertArrayEquals(new double[] {9, 12}, TensorMath.sumRows(a, 3, 2));
    assertArrayEquals(new double[] {7, 8, 7, 8, 7, 8}, TensorMath.broadcastRows(new double[] {7, 8}, 3));
  }
}
