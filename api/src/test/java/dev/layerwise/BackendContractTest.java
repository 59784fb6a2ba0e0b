package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.data.Dataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.TensorValue;
import dev.layerwise.testing.SyntheticData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every backend must do, run by each backend's own test module against itself (as DJL runs one integration
 * suite per engine). Subclasses name the backend.
 */
public abstract class BackendContractTest {

  protected abstract Backend backend();

  private static Sequential mlp() {
    return Sequential.of(Input.shape(6), Dense.units(8).withActivation(ActivationFn.TANH), Dense.units(3))
        .withSeed(7);
  }

  private CompiledModel compile(Optimizer optimizer) {
    return mlp().compile(backend(), optimizer, Loss.sparseCategoricalCrossentropy().withFromLogits(true),
        Metric.ACCURACY);
  }

  @Test
  void startsFromTheSpecsInitialWeightsInModelOrder() {
    try (CompiledModel m = compile(Optimizer.sgd(0.1))) {
      Map<String, TensorValue> w = m.backendModel().weights();
      assertEquals(List.of("dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias"), List.copyOf(w.keySet()));
      Map<String, TensorValue> expected = mlp().spec().initialWeights(m.seed());
      expected.forEach((k, v) -> assertArrayEquals(v.data(), w.get(k).data(), 0.0, k));
    }
  }

  @Test
  void setWeightsRoundTripsAndRejectsUnknownNamesAndShapes() {
    try (CompiledModel m = compile(Optimizer.sgd(0.1))) {
      NdValue bias = NdValue.of(Shape.of(3), 0.5f, -0.25f, 2f);
      m.setWeights(Map.of("dense_1/bias", bias));
      assertEquals(bias.withDType(m.dtype()), m.weight("dense_1/bias"));
      IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
          () -> m.setWeights(Map.of("dense_9/bias", bias)));
      assertTrue(unknown.getMessage().contains("dense_9/bias"), unknown.getMessage());
      IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
          () -> m.setWeights(Map.of("dense/bias", bias)));
      assertTrue(shape.getMessage().contains("[8]") && shape.getMessage().contains("[3]"), shape.getMessage());
    }
  }

  @Test
  void trainingLowersTheLossAndLearnsASeparableProblem() {
    Dataset data = SyntheticData.classification(512, 6, 3, 11);
    try (CompiledModel m = compile(Optimizer.adam(0.01))) {
      double before = m.evaluate(data).loss();
      History h = m.fit(data, FitOptions.builder().epochs(15).batchSize(32).seed(3).quiet().build());
      assertEquals(15, h.epochCount());
      double after = m.evaluate(data).loss();
      assertTrue(after < 0.5 * before, "loss " + before + " -> " + after);
      assertTrue(m.evaluate(data).metric(Metric.ACCURACY) > 0.9, "accuracy " + m.evaluate(data));
      assertEquals(15L * 16, m.iterations());
    }
  }

  @Test
  void predictMatchesForwardAndIsBatchSizeIndependent() {
    Dataset data = SyntheticData.classification(37, 6, 3, 5);
    try (CompiledModel m = compile(Optimizer.sgd(0.1))) {
      float[] a = m.predict(data, 5);
      float[] b = m.predict(data, 37);
      assertEquals(37 * 3, a.length);
      assertArrayEquals(a, b, 1e-6f);
    }
  }

  @Test
  void optimizerSlotsAreNamedPerWeightAndStartAtZero() {
    try (CompiledModel m = compile(Optimizer.adam(0.01))) {
      BackendModel b = m.backendModel();
      Map<String, TensorValue> slots = b.optimizerSlots();
      assertEquals(List.of("dense/kernel/m", "dense/kernel/v", "dense/bias/m", "dense/bias/v",
          "dense_1/kernel/m", "dense_1/kernel/v", "dense_1/bias/m", "dense_1/bias/v"), List.copyOf(slots.keySet()));
      slots.values().forEach(v -> assertTrue(java.util.Arrays.stream(v.data()).allMatch(d -> d == 0)));
      Dataset data = SyntheticData.classification(8, 6, 3, 5);
      float[] x = new float[8 * 6];
      float[] y = new float[8];
      data.copyRange(0, 8, x, y);
      b.trainStep(new Batch(x, y, 8), 0.01, 1);
      assertTrue(java.util.Arrays.stream(b.optimizerSlots().get("dense_1/bias/m").data()).anyMatch(d -> d != 0));
    }
  }

  @Test
  void closedModelRefusesWork() {
    CompiledModel m = compile(Optimizer.sgd(0.1));
    m.close();
    m.close(); // idempotent
    assertThrows(IllegalStateException.class, m::weights);
  }

  private static Batch batchOf(Dataset data, int n) {
    int fs = data.featureShape().size();
    float[] x = new float[n * fs];
    float[] y = new float[n * data.labelShape().size()];
    data.copyRange(0, n, x, y);
    return new Batch(x, y, n);
  }

  @Test
  void movingStatisticsChangeInTrainStepsOnly() {
    Sequential model = Sequential.of(Input.shape(6), Dense.units(5).withUseBias(false),
        dev.layerwise.layers.BatchNormalization.create(), Dense.units(3)).withSeed(3);
    Dataset data = SyntheticData.classification(16, 6, 3, 4);
    try (CompiledModel m = model.compile(backend(), Optimizer.sgd(0.1),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      BackendModel b = m.backendModel();
      Batch batch = batchOf(data, 16);
      double[] before = b.weights().get("batch_normalization/moving_mean").data();
      b.lossGradients(batch);
      b.forward(batch, true);
      b.evaluate(batch);
      assertArrayEquals(before, b.weights().get("batch_normalization/moving_mean").data(), 0.0);
      b.trainStep(batch, 0.1, 1);
      double[] after = b.weights().get("batch_normalization/moving_mean").data();
      assertTrue(java.util.Arrays.stream(after).anyMatch(v -> v != 0), "moving mean moved off its zero start");
      double[] variance = b.weights().get("batch_normalization/moving_variance").data();
      assertTrue(java.util.Arrays.stream(variance).allMatch(v -> v > 0 && v != 1), "moving variance updated");
    }
  }

  @Test
  void trainingModeThroughDropoutNeedsItsMask() {
    Sequential model = Sequential.of(Input.shape(6), dev.layerwise.layers.Dropout.rate(0.5), Dense.units(3))
        .withSeed(3);
    Dataset data = SyntheticData.classification(4, 6, 3, 4);
    try (CompiledModel m = model.compile(backend(), Optimizer.sgd(0.1),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      Batch batch = batchOf(data, 4);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> m.backendModel().lossGradients(batch));
      assertTrue(e.getMessage().contains("dropout"), e.getMessage());
      // With masks all ones, training mode is the inference pass scaled by 1/(1 − 0.5) = 2 before the Dense.
      float[] ones = new float[4 * 6];
      java.util.Arrays.fill(ones, 1f);
      Batch masked = batch.withMasks(Map.of("dropout", ones));
      m.setWeights(Map.of("dense/bias", NdValue.zeros(Shape.of(3), m.dtype())));
      double[] train = m.backendModel().forward(masked, true).data();
      double[] infer = m.backendModel().forward(masked, false).data();
      for (int i = 0; i < train.length; i++) {
        assertEquals(2 * infer[i], train[i], 1e-5 * Math.max(1, Math.abs(train[i])));
      }
    }
  }

  @Test
  void regularizationIsAddedToTheLossAndReportedApart() {
    double lambda = 0.05;
    Sequential model = Sequential.of(Input.shape(6), Dense.units(3)
        .withKernelRegularizer(dev.layerwise.regularizers.Regularizer.l2(lambda))).withSeed(9);
    Dataset data = SyntheticData.classification(8, 6, 3, 4);
    try (CompiledModel m = model.compile(backend(), Optimizer.sgd(0.1),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      double sumSquares = 0;
      for (double w : m.weights().get("dense/kernel").toDoubleArray()) {
        sumSquares += w * w;
      }
      dev.layerwise.spi.Gradients g = m.backendModel().lossGradients(batchOf(data, 8));
      assertEquals(lambda * sumSquares, g.regularizationLoss(), 1e-6);
      dev.layerwise.spi.StepResult e = m.backendModel().evaluate(batchOf(data, 8));
      assertEquals(lambda * sumSquares, e.regularizationLoss(), 1e-6);
      assertEquals(g.loss(), e.loss(), 1e-5);
    }
  }
}
