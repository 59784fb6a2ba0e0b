package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.data.Dataset;
import dev.layerwise.layers.Concatenate;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.SymbolicTensor;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.Capability;
import dev.layerwise.spi.TensorValue;
import dev.layerwise.testing.FakeBackend;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model with two inputs ({@code image} [3], {@code meta} [2]) and two outputs ({@code class} [3] logits,
 * {@code score} [1]) through the api: losses, weights and metrics per output, named data matched to inputs and
 * outputs, history keys, and the refusals, each before anything reaches the backend.
 */
class FunctionalCompileTest {
  private static final FitOptions QUIET = FitOptions.builder().epochs(1).batchSize(2).quiet().build();
  private static final Loss LOGITS = Loss.sparseCategoricalCrossentropy().withFromLogits(true);

  private final FakeBackend fake = new FakeBackend();

  private static Model twoByTwo() {
    SymbolicTensor image = Input.shape(3).withName("image").tensor();
    SymbolicTensor meta = Input.shape(2).withName("meta").tensor();
    SymbolicTensor h = Concatenate.create().apply(Dense.units(4).apply(image), meta);
    return Model.of(List.of(image, meta), List.of(Dense.units(3).withName("class").apply(h),
        Dense.units(1).withName("score").apply(h))).withName("two").withSeed(1);
  }

  private static TrainingConfig config() {
    return TrainingConfig.of(Optimizer.sgd(0.1), Map.of("class", LOGITS, "score", Loss.meanSquaredError()))
        .withLossWeight("score", 0.5).withMetrics("class", Metric.ACCURACY);
  }

  /** 4 samples: image[i] = (i, i, i), meta[i] = (10 + i, 10 + i), class i % 3, score i / 4. */
  private static Dataset data(boolean metaFirst) {
    float[] image = new float[12];
    float[] meta = new float[8];
    float[] score = new float[4];
    int[] classes = new int[4];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 3; j++) {
        image[i * 3 + j] = i;
      }
      meta[i * 2] = 10 + i;
      meta[i * 2 + 1] = 10 + i;
      classes[i] = i % 3;
      score[i] = i / 4f;
    }
    Dataset.Builder b = Dataset.builder();
    if (metaFirst) {
      b.features("meta", meta, Shape.of(2)).features("image", image, Shape.of(3));
    } else {
      b.features("image", image, Shape.of(3)).features("meta", meta, Shape.of(2));
    }
    return b.targets("score", score, Shape.of(1)).classLabels("class", classes).build();
  }

  private IllegalArgumentException refusedBeforeTheBackend(Executable call, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
    }
    fake.models().forEach(m -> assertEquals(List.of(), m.calls("trainStep"), "no step reached the backend"));
    fake.models().forEach(m -> assertEquals(List.of(), m.calls("evaluate")));
    fake.models().forEach(m -> assertEquals(List.of(), m.calls("predict")));
    return e;
  }

  @Test
  void aLossMapNamingAnUnknownOutputIsRefusedAtCompile() {
    TrainingConfig wrong = TrainingConfig.of(Optimizer.sgd(0.1), Map.of("class", LOGITS, "scores",
        Loss.meanSquaredError(), "score", Loss.meanSquaredError()));
    refusedBeforeTheBackend(() -> twoByTwo().compile(fake, wrong), "the losses name outputs [scores], which model"
        + " 'two' does not have; its outputs are [class, score]");
    assertEquals(List.of(), fake.models(), "nothing was compiled");
    refusedBeforeTheBackend(() -> twoByTwo().compile(fake, config().withLossWeight("clas", 2)),
        "the loss weights name outputs [clas]");
    refusedBeforeTheBackend(() -> twoByTwo().compile(fake, config().withMetrics("sco", Metric.ACCURACY)),
        "the metrics name outputs [sco]");
  }

  @Test
  void anOutputWithoutALossIsRefused() {
    TrainingConfig half = TrainingConfig.of(Optimizer.sgd(0.1), Map.of("class", LOGITS));
    refusedBeforeTheBackend(() -> twoByTwo().compile(fake, half), "outputs [score] have no loss",
        "the losses name only [class]");
  }

  @Test
  void eachOutputsLossMustFitIt() {
    TrainingConfig probabilities = config().withLoss("class", Loss.sparseCategoricalCrossentropy());
    refusedBeforeTheBackend(() -> twoByTwo().compile(fake, probabilities), "expects probabilities",
        "the last layer 'class' outputs linear values");
  }

  @Test
  void namedArraysGoToTheInputsAndOutputsOfTheirNamesInTheModelsOrder() {
    try (CompiledModel m = twoByTwo().compile(fake, config())) {
      m.fit(data(true), FitOptions.builder().epochs(1).batchSize(4).shuffle(false).quiet().build());
      FakeBackend.Call step = fake.onlyModel().calls("trainStep").get(0);
      assertArrayEquals(new float[] {0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3}, step.xs().get(0), "image first");
      assertArrayEquals(new float[] {10, 10, 11, 11, 12, 12, 13, 13}, step.xs().get(1), "then meta");
      assertArrayEquals(new float[] {0, 1, 2, 0}, step.ys().get(0), "class first");
      assertArrayEquals(new float[] {0, 0.25f, 0.5f, 0.75f}, step.ys().get(1), "then score");
    }
  }

  @Test
  void aDatasetMissingANamedInputOrTargetIsRefusedListingBothSets() {
    float[] x = new float[6];
    Dataset onlyImage = Dataset.builder().features("image", x, Shape.of(3)).classLabels("class", new int[2])
        .targets("score", new float[2], Shape.of(1)).build();
    try (CompiledModel m = twoByTwo().compile(fake, config())) {
      refusedBeforeTheBackend(() -> m.fit(onlyImage, QUIET), "fit: the dataset's features [image] do not match the"
          + " model's inputs [image, meta]: missing [meta], not the model's []");
      Dataset noScore = Dataset.builder().features("image", x, Shape.of(3)).features("meta", new float[4],
          Shape.of(2)).classLabels("class", new int[2]).build();
      refusedBeforeTheBackend(() -> m.evaluate(noScore), "evaluate: the dataset's targets [class] do not match the"
          + " model's outputs [class, score]: missing [score]");
      Dataset unnamed = Dataset.withClassLabels(x, Shape.of(3), new int[2]);
      refusedBeforeTheBackend(() -> m.predictOutputs(unnamed), "predictOutputs", "one unnamed array of features",
          "2 inputs [image, meta]", "Dataset.builder()");
    }
  }

  @Test
  void historyKeysFollowKeras3ForSeveralOutputs() {
    try (CompiledModel m = twoByTwo().compile(fake.trainLoss(call -> 3.0), config().withMetrics(Metric.ACCURACY))) {
      History h = m.fit(data(false), QUIET);
      assertEquals(List.of("loss", "class_accuracy", "score_accuracy", "class_loss", "score_loss", "learning_rate"),
          List.copyOf(h.keys()));
      assertEquals(3.0, h.last("loss"));
      assertEquals(1.5, h.last("class_loss"), "the fake splits its loss evenly over the outputs");
      Evaluation e = m.evaluate(data(false));
      assertEquals(List.of("class_accuracy", "class_loss", "loss", "score_accuracy", "score_loss"),
          e.values().keySet().stream().sorted().toList());
    }
  }

  @Test
  void metricsCanBeGivenForOneOutputOnly() {
    try (CompiledModel m = twoByTwo().compile(fake, config())) {
      History h = m.fit(data(false), QUIET);
      assertTrue(h.keys().contains("class_accuracy"));
      assertFalse(h.keys().contains("score_accuracy"));
    }
  }

  @Test
  void predictionsOfSeveralOutputsComeByName() {
    try (CompiledModel m = twoByTwo().compile(fake.outputs((call, size) -> new float[call.size() * size]),
        config())) {
      Predictions p = m.predictOutputs(data(false));
      assertEquals(List.of("class", "score"), p.names());
      assertEquals(4 * 3, p.get("class").length);
      assertEquals(Shape.of(1), p.shape("score"));
      assertEquals(4, p.size());
      int calls = fake.onlyModel().calls("predict").size();
      assertTrue(assertThrows(IllegalArgumentException.class, () -> m.predict(data(false))).getMessage()
          .contains("predict: model 'two' has 2 outputs [class, score]; use predictOutputs"));
      assertTrue(assertThrows(IllegalArgumentException.class, () -> m.predict(new float[3])).getMessage()
          .contains("model 'two' has 2 inputs [image, meta]"));
      assertEquals(calls, fake.onlyModel().calls("predict").size(), "the refusals reached no backend");
    }
  }

  @Test
  void aFunctionalModelSavesAndLoadsAsAModelWithItsPerOutputTraining(@TempDir Path dir) {
    Path file = dir.resolve("two.layerwise");
    Map<String, TensorValue> weights;
    try (CompiledModel m = twoByTwo().compile(fake, config())) {
      m.fit(data(false), QUIET);
      weights = m.backendModel().weights();
      m.save(file);
    }
    try (CompiledModel m = CompiledModel.load(file, fake)) {
      assertEquals(Model.class, m.model().getClass());
      assertEquals(twoByTwo().spec(), m.spec());
      assertEquals(config(), m.config());
      assertEquals(weights, m.backendModel().weights());
      assertEquals(new TrainingState(2, 1), m.trainingState());
    }
  }

  @Test
  void aSequentialModelWithASharedLayerSavesAndLoadsAsSequentialSharingIt(@TempDir Path dir) {
    Dense shared = Dense.units(2);
    Sequential model = Sequential.of(Input.shape(2), shared, shared).withSeed(1);
    Path file = dir.resolve("shared.layerwise");
    try (CompiledModel c = model.compile(fake, Optimizer.sgd(0.1), Loss.meanSquaredError())) {
      c.save(file);
    }
    try (CompiledModel c = CompiledModel.load(file, fake)) {
      Sequential loaded = (Sequential) c.model();
      assertEquals(model.spec(), loaded.spec());
      assertSame(loaded.layers().get(1), loaded.layers().get(2), "one layer object, applied twice");
      assertEquals(List.of("dense/kernel", "dense/bias"), c.weightNames());
    }
  }

  @Test
  void aGraphExportNamesEachInputAndOutputAndRefusesOneOutputNameOrClassSignatures(@TempDir Path dir) {
    FakeBackend exporter = new FakeBackend("exporter", java.util.Set.of(Capability.SAVED_MODEL_EXPORT));
    try (CompiledModel m = twoByTwo().compile(exporter, config())) {
      refusedBeforeTheBackend(() -> m.exportSavedModel(SavedModelExport.to(dir).withOutputName("logits")),
          "model 'two' has outputs [class, score], and its signature names each output after it");
      refusedBeforeTheBackend(() -> m.exportSavedModel(SavedModelExport.to(dir).withClassSignatures(true)),
          "an output name and class signatures are for a model with one output");
      assertEquals(List.of(), exporter.exports());
      m.exportSavedModel(dir);
      FakeBackend.Export e = exporter.exports().get(0);
      assertEquals(null, e.options().outputName(), "the outputs keep the model's names");
      assertEquals(List.of("image", "meta"), e.spec().inputs());
      assertEquals(List.of("class", "score"), e.spec().outputNames());
    }
  }

  @Test
  void lossWeightsMustBeFiniteAndNotNegative() {
    assertThrows(IllegalArgumentException.class, () -> config().withLossWeight("score", -1));
    assertThrows(IllegalArgumentException.class, () -> config().withLossWeight("score", Double.NaN));
    assertEquals(0.5, config().lossWeightFor("score"));
    assertEquals(1.0, config().lossWeightFor("class"));
    assertEquals(List.of(Metric.ACCURACY), config().metricsFor("class"));
    assertEquals(List.of(), config().metricsFor("score"));
    assertThrows(IllegalArgumentException.class, () -> new TrainingConfig(Optimizer.sgd(1), null, List.of(),
        DType.FLOAT32, Map.of(), Map.of(), Map.of()));
  }

  @Test
  void theDataChecksRunPerInputAndPerOutputAndNameThem() {
    float[] meta = new float[8];
    meta[5] = Float.NaN; // sample 2, feature 1
    Dataset badMeta = Dataset.builder().features("image", new float[12], Shape.of(3)).features("meta", meta,
        Shape.of(2)).classLabels("class", new int[4]).targets("score", new float[4], Shape.of(1)).build();
    Dataset badClass = Dataset.builder().features("image", new float[12], Shape.of(3)).features("meta",
        new float[8], Shape.of(2)).classLabels("class", new int[] {0, 5, 1, 2}).targets("score", new float[4],
        Shape.of(1)).build();
    Dataset wideScore = Dataset.builder().features("image", new float[12], Shape.of(3)).features("meta",
        new float[8], Shape.of(2)).classLabels("class", new int[4]).targets("score", new float[8], Shape.of(2))
        .build();
    try (CompiledModel m = twoByTwo().compile(fake, config())) {
      refusedBeforeTheBackend(() -> m.fit(badMeta, QUIET), "fit: every feature must be finite, but feature 1 of"
          + " input 'meta' of sample 2 is NaN");
      refusedBeforeTheBackend(() -> m.fit(badClass, QUIET), "fit (output 'class'): sparse_categorical_crossentropy"
          + " expects class labels in [0, 3)", "sample 1 has label 5.0");
      refusedBeforeTheBackend(() -> m.evaluate(wideScore), "evaluate: mean_squared_error expects labels of output"
          + " 'score' of shape [1]", "got labels of shape [2]");
    }
  }
}
