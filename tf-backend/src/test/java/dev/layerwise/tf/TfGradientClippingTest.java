package dev.layerwise.tf;

import static dev.layerwise.tf.TfOptimizerHarness.BIAS;
import static dev.layerwise.tf.TfOptimizerHarness.BIAS0;
import static dev.layerwise.tf.TfOptimizerHarness.KERNEL;
import static dev.layerwise.tf.TfOptimizerHarness.KERNEL0;
import static dev.layerwise.tf.TfOptimizerHarness.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.CompiledModel;
import dev.layerwise.DType;
import dev.layerwise.Sequential;
import dev.layerwise.TrainingConfig;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.GradientClipping;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Gradients;
import dev.layerwise.spi.TensorValue;
import dev.layerwise.tf.TfOptimizerHarness.Grads;
import dev.layerwise.tf.TfOptimizerHarness.Rule;
import dev.layerwise.tf.TfOptimizerHarness.Step;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Clipping sits between the fed (gated) gradients and the update ops, so a teacher-forced {@code applyGradients}
 * clips exactly as {@code trainStep} does. With SGD at η = 0.1 the clipped gradient is {@code (w₀ − w₁)/η}; the
 * gradient is G1: kernel (0.3, −0.6, 0.05, 1.2), ‖·‖² = 1.8925; bias (−0.4, 0.25), ‖·‖² = 0.2225.
 */
class TfGradientClippingTest {
  private static final double LR = 0.1;

  /** Weights after one SGD step with the given clipping, from KERNEL0/BIAS0 and gradient G1. */
  private static Map<String, TensorValue> sgdStep(DType dtype, GradientClipping clipping) {
    try (CompiledModel m = TfOptimizerHarness.compile(dtype, Optimizer.sgd(LR).withClipping(clipping))) {
      m.backendModel().setWeights(TfOptimizerHarness.initialWeights());
      m.backendModel().applyGradients(Grads.G1.values(), LR, 1);
      return m.backendModel().weights();
    }
  }

  /** Checks one SGD step took exactly the clipped gradient given (rounded to the dtype as TF sees it). */
  private static void assertStepTook(DType dtype, GradientClipping clipping, double[] kernel, double[] bias) {
    Map<String, TensorValue> w = sgdStep(dtype, clipping);
    assertClose(sgd(dtype, KERNEL0, kernel), w.get(KERNEL).data(), dtype, KERNEL + " with " + clipping);
    assertClose(sgd(dtype, BIAS0, bias), w.get(BIAS).data(), dtype, BIAS + " with " + clipping);
  }

  private static double[] sgd(DType dtype, double[] w0, double[] g) {
    double[] w = new double[w0.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = round(dtype, w0[i]) - round(dtype, LR) * g[i];
    }
    return w;
  }

  private static double round(DType dtype, double x) {
    return dtype == DType.FLOAT64 ? x : (float) x;
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void byValueClipsEachElement(DType dtype) {
    assertStepTook(dtype, GradientClipping.byValue(0.5), new double[] {0.3, -0.5, 0.05, 0.5},
        new double[] {-0.4, 0.25});
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void byNormScalesEachTensorOverTheThreshold(DType dtype) {
    // kernel: ‖g‖ = √1.8925 > 1, scaled by 1/√1.8925; bias: ‖g‖ = √0.2225 < 1, unchanged.
    double s = 1 / Math.sqrt(1.8925);
    assertStepTook(dtype, GradientClipping.byNorm(1), new double[] {0.3 * s, -0.6 * s, 0.05 * s, 1.2 * s},
        new double[] {-0.4, 0.25});
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void byGlobalNormScalesEveryTensorByTheSameFactor(DType dtype) {
    // G = √(1.8925 + 0.2225) = √2.115 > 1: everything scaled by 1/G (the bias too, although its own norm is < 1).
    double s = 1 / Math.sqrt(2.115);
    assertStepTook(dtype, GradientClipping.byGlobalNorm(1), new double[] {0.3 * s, -0.6 * s, 0.05 * s, 1.2 * s},
        new double[] {-0.4 * s, 0.25 * s});
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void belowTheThresholdTheGradientIsUnchangedExactly(DType dtype) {
    Map<String, TensorValue> none = sgdStep(dtype, GradientClipping.NONE);
    for (GradientClipping c : new GradientClipping[] {GradientClipping.byValue(1.5), GradientClipping.byNorm(1.5),
        GradientClipping.byGlobalNorm(1.5), GradientClipping.byValue(1.2)}) {
      Map<String, TensorValue> clipped = sgdStep(dtype, c);
      for (String w : TfOptimizerHarness.WEIGHTS) {
        assertArrayEquals(none.get(w).data(), clipped.get(w).data(), 0.0, w + " with " + c);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void clippingFeedsTheUpdateRule(DType dtype) {
    // Adam on value-clipped gradients (the rule clips element-wise in Java, then applies Adam).
    double beta1 = 0.8;
    double beta2 = 0.9;
    double eps = 0.01;
    Rule clippedAdam = (c, w, g, s) -> {
      double gc = Math.max(-c.r(0.5), Math.min(c.r(0.5), g));
      double alpha = c.lr() * Math.sqrt(1 - c.pow(beta2)) / (1 - c.pow(beta1));
      double m = s[0] + (gc - s[0]) * (1 - c.r(beta1));
      double v = s[1] + (gc * gc - s[1]) * (1 - c.r(beta2));
      return new double[] {w - alpha * m / (Math.sqrt(v) + c.r(eps)), m, v};
    };
    TfOptimizerHarness.assertSteps(dtype, Optimizer.adam(0.1).withBeta1(beta1).withBeta2(beta2).withEpsilon(eps)
        .withClipping(GradientClipping.byValue(0.5)), null, clippedAdam, new Step(0.1, 1, Grads.G1),
        new Step(0.05, 2, Grads.G2));
  }

  /**
   * trainStep (gradients computed in the graph) and applyGradients (the same gradients fed) take the same clipped
   * step, and the clipping is active (the step differs from the unclipped one).
   */
  @Test
  void trainStepClipsExactlyAsApplyGradients() {
    Sequential model = Sequential.of(Input.shape(3), Dense.units(4).withActivation(ActivationFn.TANH),
        Dense.units(2)).withSeed(8);
    float[] x = TfHarness.floats(0.5, -1, 2, 1.5, 0.25, -0.75, -2, 1, 0.5);
    float[] y = TfHarness.floats(1, -1, 0.5, 2, -1.5, 0);
    Batch batch = new Batch(x, y, 3);
    for (GradientClipping clipping : new GradientClipping[] {GradientClipping.byValue(0.05),
        GradientClipping.byNorm(0.1), GradientClipping.byGlobalNorm(0.1)}) {
      TrainingConfig config = TrainingConfig.of(Optimizer.sgd(0.5).withMomentum(0.5).withClipping(clipping),
          Loss.meanSquaredError()).withDType(DType.FLOAT64);
      try (CompiledModel trained = model.compile(TfHarness.tf(), config);
          CompiledModel applied = model.compile(TfHarness.tf(), config);
          CompiledModel unclipped = model.compile(TfHarness.tf(), config.withOptimizer(
              Optimizer.sgd(0.5).withMomentum(0.5)))) {
        BackendModel a = applied.backendModel();
        BackendModel u = unclipped.backendModel();
        for (long t = 1; t <= 2; t++) {
          Gradients g = trained.backendModel().lossGradients(batch);
          trained.backendModel().trainStep(batch, 0.5, t);
          a.applyGradients(g.weightGradients(), 0.5, t);
          u.applyGradients(g.weightGradients(), 0.5, t);
        }
        boolean differs = false;
        for (String w : trained.weightNames()) {
          double[] got = trained.backendModel().weights().get(w).data();
          assertClose(a.weights().get(w).data(), got, DType.FLOAT64, w + " trainStep vs applyGradients, " + clipping);
          double[] free = u.weights().get(w).data();
          for (int i = 0; i < got.length; i++) {
            differs |= Math.abs(free[i] - got[i]) > 1e-6;
          }
        }
        assertTrue(differs, "clipping " + clipping + " never engaged; pick a smaller threshold");
      }
    }
  }
}
