package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.init.SeededRandom;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.Capability;
import dev.layerwise.spi.TensorValue;
import dev.layerwise.testing.FakeBackend;
import dev.layerwise.testing.SyntheticData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Compiling, weights, lifecycle and export of a model, on a backend that records what it is sent. */
class CompiledModelTest {
  private static final Loss LOGITS = Loss.sparseCategoricalCrossentropy().withFromLogits(true);

  private static Sequential mlp() {
    return Sequential.of(Input.shape(6), Dense.units(8).withActivation(ActivationFn.TANH), Dense.units(3))
        .withSeed(42);
  }

  @Test
  void compileHandsTheSpecAndConfigToTheBackend() {
    FakeBackend fake = new FakeBackend();
    TrainingConfig config = TrainingConfig.of(Optimizer.sgd(0.1), LOGITS, Metric.ACCURACY);
    try (CompiledModel m = mlp().compile(fake, config)) {
      assertEquals(mlp().spec(), fake.onlyModel().spec());
      assertSame(config, fake.onlyModel().config());
      assertSame(fake, m.backend());
      assertSame(config, m.config());
      assertEquals(DType.FLOAT32, m.config().dtype());
    }
  }

  @Test
  void compileSetsTheSeededInitialWeightsOnce() {
    FakeBackend fake = new FakeBackend();
    try (CompiledModel m = mlp().compile(fake, Optimizer.sgd(0.1), LOGITS)) {
      assertEquals(42, m.seed());
      assertEquals(1, fake.onlyModel().weightUpdates().size());
      Map<String, TensorValue> init = fake.onlyModel().weightUpdates().get(0);
      assertEquals(Set.of("dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias"), init.keySet());
      assertArrayEquals(new double[8], init.get("dense/bias").data(), 0.0);
      double limit = Math.sqrt(6.0 / (6 + 8));
      for (double v : init.get("dense/kernel").data()) {
        assertTrue(Math.abs(v) <= limit && v == (float) v, "" + v);
      }
      // Glorot-uniform draws from the stream derived from (seed, full name), rounded to float32
      SplittableRandom stream = new SplittableRandom(SeededRandom.derive(42, "dense_1/kernel"));
      double l = Math.sqrt(6.0 / (8 + 3));
      double[] expected = new double[8 * 3];
      for (int i = 0; i < expected.length; i++) {
        expected[i] = (float) (-l + 2 * l * stream.nextDouble());
      }
      assertArrayEquals(expected, init.get("dense_1/kernel").data(), 0.0);
      assertEquals(List.of("dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias"), m.weightNames());
    }
  }

  @Test
  void aFailedWeightUploadClosesTheBackendModel() {
    FakeBackend fake = new FakeBackend().failSetWeights(new IllegalArgumentException("upload failed"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> mlp().compile(fake, Optimizer.sgd(0.1), LOGITS));
    assertEquals("upload failed", e.getMessage());
    assertEquals(1, fake.onlyModel().closeCount());
  }

  @Test
  void float64NeedsABackendThatDeclaresIt() {
    FakeBackend float32Only = new FakeBackend();
    TrainingConfig f64 = TrainingConfig.of(Optimizer.sgd(0.1), LOGITS).withDType(DType.FLOAT64);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mlp().compile(float32Only, f64));
    assertTrue(e.getMessage().contains("backend 'fake' cannot compute in FLOAT64"), e.getMessage());
    assertEquals(0, float32Only.models().size());
    FakeBackend both = new FakeBackend("fake64", Set.of(Capability.FLOAT64));
    try (CompiledModel m = mlp().compile(both, f64)) {
      assertEquals(DType.FLOAT64, m.config().dtype());
      assertEquals(DType.FLOAT64, both.onlyModel().config().dtype());
    }
  }

  @Test
  void weightsAndSetWeightsGoThroughTheBackend() {
    FakeBackend fake = new FakeBackend();
    try (CompiledModel m = mlp().compile(fake, Optimizer.sgd(0.1), LOGITS)) {
      NdValue bias = NdValue.of(Shape.of(3), 0.5f, -0.25f, 2f);
      m.setWeights(Map.of("dense_1/bias", bias));
      assertEquals(bias, m.weights().get("dense_1/bias"));
      assertEquals(List.of("dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias"),
          List.copyOf(m.weights().keySet()));
      assertSame(fake.onlyModel(), m.backendModel());
    }
  }

  @Test
  void fitWithEpochsAndBatchSizeTrains() {
    FakeBackend fake = new FakeBackend();
    try (CompiledModel m = mlp().compile(fake, Optimizer.sgd(0.1), LOGITS)) {
      History h = m.fit(SyntheticData.classification(20, 6, 3, 1), 2, 8);
      assertEquals(2, h.epochCount());
      assertEquals(2 * 3, m.iterations());
    }
  }

  @Test
  void exportWithoutAnExportingBackendSaysWhatToAdd() {
    try (CompiledModel m = mlp().compile(new FakeBackend(), Optimizer.sgd(0.1), LOGITS)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.exportSavedModel(Path.of("out")));
      assertTrue(e.getMessage().contains("no backend on the class path can export SavedModels")
          && e.getMessage().contains("dev.layerwise:layerwise-tf"), e.getMessage());
    }
  }

  private static SavedModelExport exported(Sequential model, Loss loss, SavedModelExport options) {
    FakeBackend fake = new FakeBackend("exporter", Set.of(Capability.SAVED_MODEL_EXPORT));
    try (CompiledModel m = model.compile(fake, Optimizer.sgd(0.1), loss)) {
      Path written = m.exportSavedModel(options);
      assertEquals(options.versionDir(), written);
      FakeBackend.Export export = fake.exports().get(0);
      assertEquals(model.spec(), export.spec());
      assertEquals(m.backendModel().weights(), export.weights());
      return export.options();
    }
  }

  @Test
  void exportNamesTheOutputAfterWhatTheModelReturns() {
    SavedModelExport base = SavedModelExport.to(Path.of("models", "m"));
    assertEquals("logits", exported(mlp(), LOGITS, base).outputName());
    Sequential softmax = Sequential.of(Input.shape(6), Dense.units(3).withActivation(ActivationFn.SOFTMAX));
    assertEquals("probabilities", exported(softmax, Loss.sparseCategoricalCrossentropy(), base).outputName());
    Sequential sigmoid = Sequential.of(Input.shape(6), Dense.units(1).withActivation(ActivationFn.SIGMOID));
    assertEquals("probabilities", exported(sigmoid, Loss.binaryCrossentropy(), base).outputName());
    Sequential regression = Sequential.of(Input.shape(6), Dense.units(2));
    assertEquals("output", exported(regression, Loss.meanSquaredError(), base).outputName());
  }

  @Test
  void anExplicitOutputNameAndVersionAreKept() {
    SavedModelExport options = SavedModelExport.to(Path.of("models", "m")).withVersion(3).withOutputName("scores");
    SavedModelExport used = exported(mlp(), LOGITS, options);
    assertEquals("scores", used.outputName());
    assertEquals(Path.of("models", "m", "3"), used.versionDir());
  }

  @Test
  void summaryIsTheModelsSummary() {
    try (CompiledModel m = mlp().compile(new FakeBackend(), Optimizer.sgd(0.1), LOGITS)) {
      assertEquals(mlp().summary(), m.summary());
      assertTrue(m.summary().contains("Total params: 83"), m.summary()); // 6·8 + 8 + 8·3 + 3
    }
  }
}
