package dev.layerwise.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.layerwise.reference.layers.RefLayerEquations;
import dev.layerwise.reference.layers.RefLayerEquations.Backward;
import dev.layerwise.reference.layers.RefLayerEquations.Forward;
import dev.layerwise.reference.layers.RefLayerEquations.Mode;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The shared harness of the reference backend's tests: central finite differences in double precision and an
 * allclose assertion that names the worst element.
 *
 * <p>Layers are checked through {@code L = Σ R ⊙ y} with a fixed random R (a plain sum would hide bugs: the
 * outputs of a softmax always sum to 1, so its gradient would be zero).
 */
public final class RefGradientCheck {
  /** Relative step of the central difference: {@code h = 1e-5·max(1, |θ|)}. */
  public static final double FD_STEP = 1e-5;
  /** Analytic vs finite difference: relative tolerance. */
  public static final double FD_RTOL = 1e-4;
  /** Analytic vs finite difference: absolute tolerance, times {@code max(1, max|g|)}. */
  public static final double FD_ATOL = 1e-6;

  private RefGradientCheck() {}

  /** {@code ∂f/∂θ_i ≈ (f(θ + h e_i) − f(θ − h e_i)) / 2h} for every i; θ is restored afterwards. */
  public static double[] centralDifference(double[] theta, ToDoubleFunction<double[]> f) {
    double[] g = new double[theta.length];
    for (int i = 0; i < theta.length; i++) {
      double saved = theta[i];
      double h = FD_STEP * Math.max(1, Math.abs(saved));
      theta[i] = saved + h;
      double plus = f.applyAsDouble(theta);
      theta[i] = saved - h;
      double minus = f.applyAsDouble(theta);
      theta[i] = saved;
      g[i] = (plus - minus) / (2 * h);
    }
    return g;
  }

  /** Asserts an analytic gradient against its finite-difference estimate with the FD tolerances. */
  public static void assertGradient(String what, double[] finiteDifference, double[] analytic) {
    double scale = 1;
    for (double v : finiteDifference) {
      scale = Math.max(scale, Math.abs(v));
    }
    assertAllClose(what, finiteDifference, analytic, FD_ATOL * scale, FD_RTOL);
  }

  /** {@code |actual − expected| ≤ atol + rtol·|expected|} element-wise; the message names the worst element. */
  public static void assertAllClose(String what, double[] expected, double[] actual, double atol, double rtol) {
    assertEquals(expected.length, actual.length, what + ": length");
    int worst = -1;
    double worstUsage = 0;
    for (int i = 0; i < expected.length; i++) {
      double diff = Math.abs(actual[i] - expected[i]);
      double usage = diff == 0 ? 0 : diff / (atol + rtol * Math.abs(expected[i])); // 0/0 would read as NaN
      if (!(usage <= worstUsage)) { // also catches NaN
        worstUsage = usage;
        worst = i;
      }
    }
    if (worstUsage > 1 || Double.isNaN(worstUsage)) {
      fail(String.format("%s: element %d is %s, expected %s (|diff| %.3g, %.2f× the tolerance)", what, worst,
          actual[worst], expected[worst], Math.abs(actual[worst] - expected[worst]), worstUsage));
    }
  }

  /**
   * Checks a layer's backward against finite differences of {@code L = Σ R ⊙ forward(params, x)} in training
   * mode: dx and every parameter gradient, all parameters being trainable. Also checks that {@code needDx = false}
   * yields no dx and the same parameter gradients.
   */
  public static <S> void checkLayer(String name, RefLayerEquations<S> eq, Map<String, double[]> params,
      double[] x, long seed) {
    checkLayer(name, eq, params, params.keySet(), x, Mode.TRAINING, seed);
  }

  /**
   * {@link #checkLayer(String, RefLayerEquations, Map, double[], long)} in a given mode (an inference pass, a
   * dropout mask), where only the {@code trainable} parameters get gradients; the others (moving statistics)
   * are held fixed.
   */
  public static <S> void checkLayer(String name, RefLayerEquations<S> eq, Map<String, double[]> params,
      Set<String> trainable, double[] x, Mode mode, long seed) {
    Forward<S> fwd = eq.forward(params, x, mode);
    double[] r = uniform(new Random(seed), fwd.y().length, -1, 1);
    Backward b = eq.backward(params, fwd.saved(), r, true);

    double[] xCopy = x.clone();
    assertGradient(name + " dx", centralDifference(xCopy, xx -> dot(r, eq.forward(params, xx, mode).y())), b.dx());
    assertEquals(trainable, b.parameterGradients().keySet(), name + ": one gradient per trainable parameter");
    for (String p : trainable) {
      Map<String, double[]> perturbed = new HashMap<>(params);
      double[] theta = params.get(p).clone();
      perturbed.put(p, theta);
      double[] fd = centralDifference(theta, t -> dot(r, eq.forward(perturbed, x, mode).y()));
      assertGradient(name + " d" + p, fd, b.parameterGradients().get(p));
    }

    Backward noDx = eq.backward(params, fwd.saved(), r, false);
    assertNull(noDx.dx(), name + ": dx computed although not asked for");
    for (String p : trainable) {
      assertAllClose(name + " d" + p + " without dx", b.parameterGradients().get(p),
          noDx.parameterGradients().get(p), 0, 0);
    }
  }

  public static double dot(double[] a, double[] b) {
    assertEquals(a.length, b.length, "dot: lengths");
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  public static double[] uniform(Random random, int n, double lo, double hi) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = lo + (hi - lo) * random.nextDouble();
    }
    return v;
  }

  /** Values with {@code min ≤ |v| ≤ max} and random signs: kinks at 0 stay far from every FD step. */
  public static double[] awayFromZero(Random random, int n, double min, double max) {
    double[] v = uniform(random, n, min, max);
    for (int i = 0; i < n; i++) {
      if (random.nextBoolean()) {
        v[i] = -v[i];
      }
    }
    return v;
  }
}
