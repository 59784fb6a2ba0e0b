package dev.layerwise.tf;

import static dev.layerwise.tf.TfHarness.assertClose;
import static dev.layerwise.tf.TfHarness.compile;
import static dev.layerwise.tf.TfHarness.floats;
import static dev.layerwise.tf.TfHarness.infer;
import static dev.layerwise.tf.TfHarness.ones;
import static dev.layerwise.tf.TfHarness.set;
import static dev.layerwise.tf.TfHarness.tolerance;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.layerwise.CompiledModel;
import dev.layerwise.DType;
import dev.layerwise.Shape;
import dev.layerwise.layers.Activation;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.ELU;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.LeakyReLU;
import dev.layerwise.layers.PReLU;
import dev.layerwise.layers.Softmax;
import dev.layerwise.spi.Gradients;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Forward values of the element-wise and softmax-like layers against their formulas, and their derivative at the
 * kink x = 0 (the api's conventions: α for LeakyReLU, PReLU and ELU, λ for SELU). Each runs in float32 and float64.
 */
class TfActivationLayersTest {
  /** Includes exactly 0 (the kink) and a large input (overflows e^x in the unused ELU branch). */
  private static final double[] X = {-2, -0.5, 0, 0.75, 1.5, -3, 0, 100};

  private static double[] map(java.util.function.DoubleUnaryOperator f) {
    double[] y = new double[X.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = f.applyAsDouble((float) X[i]);
    }
    return y;
  }

  /** ∂(Σ R ⊙ y)/∂x with R = 1: the element-wise derivative, in inference mode. */
  private static Gradients slopes(CompiledModel m) {
    return m.backendModel().outputGradients(TfHarness.batch(m, floats(X)), ones(m.spec().outputShape().withBatch(2)),
        false);
  }

  private static void check(CompiledModel m, DType dtype, double[] y, double[] dy, String what) {
    Shape shape = Shape.of(2, 4);
    assertClose(y, infer(m, floats(X)), shape, tolerance(dtype), what);
    assertClose(dy, slopes(m).inputGradient(), shape, tolerance(dtype), what + " dx");
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void leakyReluHasSlopeAlphaAtZero(DType dtype) {
    double a = 0.2;
    try (CompiledModel m = compile(dtype, Input.shape(4), LeakyReLU.alpha(a))) {
      check(m, dtype, map(x -> x > 0 ? x : a * x), map(x -> x > 0 ? 1 : a), "LeakyReLU");
    }
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void preluBroadcastsOneSlopePerChannelAndLearnsIt(DType dtype) {
    double[] alpha = {0.1, 0.25, 0.5, 0.75};
    try (CompiledModel m = compile(dtype, Input.shape(4), PReLU.perChannel())) {
      set(m, "p_re_lu/alpha", Shape.of(4), alpha);
      double[] y = new double[X.length];
      double[] dy = new double[X.length];
      double[] dAlpha = new double[4];
      for (int i = 0; i < X.length; i++) {
        double x = (float) X[i];
        y[i] = x > 0 ? x : alpha[i % 4] * x;
        dy[i] = x > 0 ? 1 : alpha[i % 4];
        dAlpha[i % 4] += x > 0 ? 0 : x;
      }
      check(m, dtype, y, dy, "PReLU");
      assertClose(dAlpha, slopes(m).weightGradients().get("p_re_lu/alpha").data(), tolerance(dtype), "PReLU dα");
    }
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void preluWithASharedSlope(DType dtype) {
    try (CompiledModel m = compile(dtype, Input.shape(4), PReLU.shared())) {
      set(m, "p_re_lu/alpha", Shape.of(1), 0.25);
      check(m, dtype, map(x -> x > 0 ? x : 0.25 * x), map(x -> x > 0 ? 1 : 0.25), "shared PReLU");
      double sum = 0;
      for (double x : X) {
        sum += x > 0 ? 0 : (float) x;
      }
      assertEquals(sum, slopes(m).weightGradients().get("p_re_lu/alpha").data()[0], tolerance(dtype));
    }
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void eluHasSlopeAlphaAtZeroAndAFiniteGradientForLargeInputs(DType dtype) {
    double a = 0.5;
    try (CompiledModel m = compile(dtype, Input.shape(4), ELU.alpha(a))) {
      check(m, dtype, map(x -> x > 0 ? x : a * Math.expm1(x)), map(x -> x > 0 ? 1 : a * Math.exp(x)), "ELU");
    }
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void eluActivationIsEluWithAlphaOne(DType dtype) {
    try (CompiledModel m = compile(dtype, Input.shape(4), Activation.of(ActivationFn.ELU))) {
      check(m, dtype, map(x -> x > 0 ? x : Math.expm1(x)), map(x -> x > 0 ? 1 : Math.exp(x)), "ELU activation");
    }
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void seluHasSlopeLambdaAtZero(DType dtype) {
    double l = ActivationFn.SELU_SCALE;
    double la = ActivationFn.SELU_SCALE * ActivationFn.SELU_ALPHA;
    try (CompiledModel m = compile(dtype, Input.shape(4), Activation.of(ActivationFn.SELU))) {
      check(m, dtype, map(x -> x > 0 ? l * x : la * Math.expm1(x)), map(x -> x >= 0 ? l : la * Math.exp(x)),
          "SELU");
    }
  }

  /** Samples {@code [2, 3]}: softmax down each column (axis 0 of the sample) and along each row (the default). */
  @ParameterizedTest
  @EnumSource(DType.class)
  void softmaxOverAnyAxis(DType dtype) {
    double[] x = {1, -0.5, 2, 0.25, 3, -1, /* second sample */ 0.5, 0.5, -2, 4, 1, 0};
    double[] byColumn = new double[12];
    double[] byRow = new double[12];
    for (int s = 0; s < 2; s++) {
      for (int j = 0; j < 3; j++) {
        double a = Math.exp(x[s * 6 + j]);
        double b = Math.exp(x[s * 6 + 3 + j]);
        byColumn[s * 6 + j] = a / (a + b);
        byColumn[s * 6 + 3 + j] = b / (a + b);
      }
      for (int r = 0; r < 2; r++) {
        double sum = 0;
        for (int j = 0; j < 3; j++) {
          sum += Math.exp(x[s * 6 + r * 3 + j]);
        }
        for (int j = 0; j < 3; j++) {
          byRow[s * 6 + r * 3 + j] = Math.exp(x[s * 6 + r * 3 + j]) / sum;
        }
      }
    }
    Shape shape = Shape.of(2, 2, 3);
    try (CompiledModel m = compile(dtype, Input.shape(2, 3), Softmax.axis(0))) {
      assertClose(byColumn, infer(m, floats(x)), shape, tolerance(dtype), "softmax axis 0");
      // Rows of a softmax sum to 1, so Σ R ⊙ y with R = 1 is constant: its gradient vanishes.
      double[] dx = slopes2x3(m);
      assertClose(new double[12], dx, tolerance(dtype), "softmax axis 0 dx");
    }
    try (CompiledModel m = compile(dtype, Input.shape(2, 3), Softmax.create())) {
      assertClose(byRow, infer(m, floats(x)), shape, tolerance(dtype), "softmax axis -1");
    }
  }

  private static double[] slopes2x3(CompiledModel m) {
    float[] x = new float[12];
    return m.backendModel().outputGradients(TfHarness.batch(m, x), ones(Shape.of(2, 2, 3)), false).inputGradient()
        .data();
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void softmaxOverAnInnerAxisIsStableForLargeInputs(DType dtype) {
    double[] x = {50, -50, 49, 0, /* second */ -50, -50, 50, 50};
    try (CompiledModel m = compile(dtype, Input.shape(2, 2), Softmax.axis(0))) {
      double e1 = Math.exp(-1);
      double e50 = Math.exp(-50);
      double e100 = Math.exp(-100);
      double[] expected = {1 / (1 + e1), e50 / (1 + e50), e1 / (1 + e1), 1 / (1 + e50),
          e100 / (1 + e100), e100 / (1 + e100), 1 / (1 + e100), 1 / (1 + e100)};
      assertClose(expected, infer(m, floats(x)), Shape.of(2, 2, 2), tolerance(dtype), "softmax ±50");
    }
  }
}
