package dev.layerwise.tf;

import static dev.layerwise.tf.TfHarness.assertClose;
import static dev.layerwise.tf.TfHarness.floats;
import static dev.layerwise.tf.TfHarness.ones;
import static dev.layerwise.tf.TfHarness.set;
import static dev.layerwise.tf.TfHarness.tolerance;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.layerwise.CompiledModel;
import dev.layerwise.DType;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.TensorValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Batch normalisation: training output from the batch's statistics (biased variance), inference output from the
 * moving statistics, and the moving statistics updated by a training step — and by nothing else.
 */
class TfBatchNormTest {
  private static final double MOMENTUM = 0.9;
  private static final double EPSILON = 1e-3;
  private static final double[] GAMMA = {1.5, 0.5, -1};
  private static final double[] BETA = {0.25, -1, 2};
  private static final double[] MOVING_MEAN = {0.5, -0.25, 1};
  private static final double[] MOVING_VARIANCE = {2, 0.5, 1.25};
  /** 4 samples × 3 features; feature 2 has a large mean. */
  private static final double[] X = {1, -2, 1000.5, 0.5, 3, 999, -1.5, 0.25, 1001.25, 2, 1, 1000};

  private static CompiledModel model(DType dtype, Shape sample) {
    BatchNormalization bn = BatchNormalization.create().withMomentum(MOMENTUM).withEpsilon(EPSILON);
    CompiledModel m = Sequential.of(Input.shape(sample.dims()), bn).withSeed(1).compile(TfHarness.tf(),
        TrainingConfig.of(Optimizer.sgd(0.1), Loss.meanSquaredError()).withDType(dtype));
    set(m, "batch_normalization/gamma", Shape.of(3), GAMMA);
    set(m, "batch_normalization/beta", Shape.of(3), BETA);
    set(m, "batch_normalization/moving_mean", Shape.of(3), MOVING_MEAN);
    set(m, "batch_normalization/moving_variance", Shape.of(3), MOVING_VARIANCE);
    return m;
  }

  /** Per channel (the last axis of 3) over all other positions: {mean, biased variance}. */
  private static double[][] stats(double[] x) {
    double[] mean = new double[3];
    double[] var = new double[3];
    int n = x.length / 3;
    for (int i = 0; i < x.length; i++) {
      mean[i % 3] += (float) x[i] / n;
    }
    for (int i = 0; i < x.length; i++) {
      double d = (float) x[i] - mean[i % 3];
      var[i % 3] += d * d / n;
    }
    return new double[][] {mean, var};
  }

  private static double[] normalize(double[] x, double[] mean, double[] var) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      int c = i % 3;
      y[i] = GAMMA[c] * ((float) x[i] - mean[c]) / Math.sqrt(var[c] + EPSILON) + BETA[c];
    }
    return y;
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void trainingUsesBatchStatisticsAndInferenceTheMovingOnes(DType dtype) {
    try (CompiledModel m = model(dtype, Shape.of(3))) {
      double[][] s = stats(X);
      // float32 loses ~1e-4 absolute on the 1000-mean channel's x − μ; the others are exact-ish.
      double tol = dtype == DType.FLOAT64 ? 1e-10 : 2e-4;
      assertClose(normalize(X, s[0], s[1]), TfHarness.forward(m, floats(X), true, Map.of()), Shape.of(4, 3), tol,
          "training");
      assertClose(normalize(X, MOVING_MEAN, MOVING_VARIANCE), TfHarness.infer(m, floats(X)), Shape.of(4, 3), tol,
          "inference");
    }
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void statisticsAreTakenPerChannelOverBatchHeightAndWidth(DType dtype) {
    double[] x = new double[2 * 2 * 2 * 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = ((i * 5) % 9 - 4) * 0.5 + (i % 3);
    }
    try (CompiledModel m = model(dtype, Shape.of(2, 2, 3))) {
      double[][] s = stats(x);
      assertClose(normalize(x, s[0], s[1]), TfHarness.forward(m, floats(x), true, Map.of()), Shape.of(2, 2, 2, 3),
          tolerance(dtype) * 10, "NHWC training");
    }
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void oneTrainStepMovesTheMovingStatisticsTowardsTheBatchs(DType dtype) {
    try (CompiledModel m = model(dtype, Shape.of(3))) {
      m.backendModel().trainStep(TfHarness.batch(m, floats(X)), 0.1, 1);
      double[][] s = stats(X);
      double[] mean = new double[3];
      double[] var = new double[3];
      for (int c = 0; c < 3; c++) {
        mean[c] = MOMENTUM * MOVING_MEAN[c] + (1 - MOMENTUM) * s[0][c];
        var[c] = MOMENTUM * MOVING_VARIANCE[c] + (1 - MOMENTUM) * s[1][c]; // biased σ², not n/(n−1)·σ²
      }
      Map<String, TensorValue> w = m.backendModel().weights();
      double tol = dtype == DType.FLOAT64 ? 1e-12 : 1e-5;
      assertClose(mean, w.get("batch_normalization/moving_mean").data(), tol, "moving mean");
      assertClose(var, w.get("batch_normalization/moving_variance").data(), tol, "moving variance");
    }
  }

  @Test
  void nothingButTrainStepTouchesTheMovingStatistics() {
    try (CompiledModel m = model(DType.FLOAT64, Shape.of(3))) {
      BackendModel b = m.backendModel();
      Batch batch = TfHarness.batch(m, floats(X));
      b.lossGradients(batch);
      b.forward(batch, true);
      b.forward(batch, false);
      b.evaluate(batch);
      b.predict(batch);
      b.outputGradients(batch, ones(Shape.of(4, 3)), true);
      b.outputGradients(batch, ones(Shape.of(4, 3)), false);
      b.applyGradients(Map.of("batch_normalization/gamma", ones(Shape.of(3)),
          "batch_normalization/beta", ones(Shape.of(3))), 0.1, 1);
      Map<String, TensorValue> w = b.weights();
      assertClose(MOVING_MEAN, w.get("batch_normalization/moving_mean").data(), 0, "moving mean");
      assertClose(MOVING_VARIANCE, w.get("batch_normalization/moving_variance").data(), 0, "moving variance");
    }
  }

  @Test
  void movingStatisticsAreWeightsButNotTrainable() {
    try (CompiledModel m = model(DType.FLOAT32, Shape.of(3))) {
      assertEquals(List.of("batch_normalization/gamma", "batch_normalization/beta",
          "batch_normalization/moving_mean", "batch_normalization/moving_variance"), List.copyOf(m.weights().keySet()));
      assertEquals(List.of("batch_normalization/gamma", "batch_normalization/beta"),
          List.copyOf(m.backendModel().lossGradients(TfHarness.batch(m, floats(X))).weightGradients().keySet()));
      assertEquals(Map.of(), m.backendModel().optimizerSlots(), "SGD has no slots, and state has none anyway");
    }
  }

  /** Without scale and center the layer is the plain normalisation; the gradient w.r.t. x then sums to 0. */
  @ParameterizedTest
  @EnumSource(DType.class)
  void withoutScaleAndCenter(DType dtype) {
    BatchNormalization bn = BatchNormalization.create().withScale(false).withCenter(false).withEpsilon(EPSILON);
    try (CompiledModel m = Sequential.of(Input.shape(3), bn).withSeed(1).compile(TfHarness.tf(),
        TrainingConfig.of(Optimizer.sgd(0.1), Loss.meanSquaredError()).withDType(dtype))) {
      assertEquals(List.of("batch_normalization/moving_mean", "batch_normalization/moving_variance"),
          List.copyOf(m.backendModel().weights().keySet()));
      double[] x = {1, -2, 0.5, 0.5, 3, -1, -1.5, 0.25, 1.25, 2, 1, 0};
      double[][] s = stats(x);
      double[] expected = new double[12];
      for (int i = 0; i < 12; i++) {
        expected[i] = (x[i] - s[0][i % 3]) / Math.sqrt(s[1][i % 3] + EPSILON);
      }
      assertClose(expected, TfHarness.forward(m, floats(x), true, Map.of()), Shape.of(4, 3), tolerance(dtype) * 10,
          "normalised");
    }
  }
}
