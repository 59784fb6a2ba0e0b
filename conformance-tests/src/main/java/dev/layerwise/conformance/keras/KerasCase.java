package dev.layerwise.conformance.keras;

import java.util.Arrays;
import java.util.function.Function;

/**
 * One value-asserting test of Keras 3's own optimizer or schedule suite, carried over in our words: what Keras's
 * test sets up, the values it asserts, and its tolerance (Keras's {@code assertAllClose}: {@code |ours − Keras| ≤
 * atol + rtol·|Keras|}). {@code ours} computes the same values with Layerwise on a backend ("reference" or
 * "tensorflow"; a schedule, computed in Java and fed to both, ignores it).
 *
 * @param test Keras's file and test method, {@code adam_test.py::test_single_step}
 * @param setting what the test configures, in Layerwise's terms
 * @param expected the values Keras's test asserts, in its order
 */
public record KerasCase(String test, String setting, double[] expected, double atol, double rtol,
    Function<String, double[]> ours) {

  public KerasCase {
    expected = expected.clone();
  }

  @Override
  public double[] expected() {
    return expected.clone();
  }

  /** {@code |ours − Keras|} per value, or an exception naming the test when the counts differ. */
  public double maxDifference(double[] got) {
    if (got.length != expected.length) {
      throw new IllegalStateException(test + ": computed " + got.length + " values, Keras asserts "
          + expected.length);
    }
    double max = 0;
    for (int i = 0; i < got.length; i++) {
      max = Math.max(max, Math.abs(got[i] - expected[i]));
    }
    return max;
  }

  /** Whether every value is within Keras's tolerance. */
  public boolean passes(double[] got) {
    maxDifference(got);
    for (int i = 0; i < got.length; i++) {
      if (!(Math.abs(got[i] - expected[i]) <= atol + rtol * Math.abs(expected[i]))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return test + " (" + setting + "): " + Arrays.toString(expected);
  }
}
