package dev.layerwise.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.testing.FakeBackend;
import dev.layerwise.testing.FakeBackend.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The fit options that shape the data ({@code validationSplit}, {@code classWeight}, a dataset's sample weights),
 * checked on what the training loop sends a backend that records it. Expected values come from Keras's own code
 * and tests: {@code train_validation_split} ({@code floor(n·(1 − split))}, both parts non-empty) and
 * {@code class_weight_to_sample_weights} (data_adapter_utils_test.py).
 */
class FitOptionsDataTest {
  private final FakeBackend fake = new FakeBackend();

  /** Samples with ids {@code 0 .. n-1} as their first feature, label id mod 3. */
  private static Dataset ids(int n) {
    float[] x = new float[2 * n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = i;
      labels[i] = i % 3;
    }
    return Dataset.withClassLabels(x, Shape.of(2), labels);
  }

  private CompiledModel sparse() {
    return Sequential.of(Input.shape(2), Dense.units(3)).withSeed(3).compile(fake, Optimizer.sgd(0.1),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true));
  }

  private static FitOptions.Builder quiet(int epochs, int batchSize) {
    return FitOptions.builder().epochs(epochs).batchSize(batchSize).quiet();
  }

  private List<Integer> ids(String method) {
    List<Integer> out = new ArrayList<>();
    for (Call c : fake.onlyModel().calls(method)) {
      for (int i = 0; i < c.size(); i++) {
        out.add((int) c.feature(i, 0));
      }
    }
    return out;
  }

  @Test
  void theSplitIndexIsKerasFloorOfNTimesOneMinusTheFraction() {
    // int(math.floor(n * (1.0 - split))), evaluated by Python: 10 × (1 − 0.8) is 1.9999999999999996, so 1
    assertEquals(8, FitData.splitIndex(10, 0.2));
    assertEquals(7, FitData.splitIndex(10, 0.3));
    assertEquals(1, FitData.splitIndex(3, 0.5));
    assertEquals(93, FitData.splitIndex(100, 0.07));
    assertEquals(4, FitData.splitIndex(7, 0.29));
    assertEquals(1, FitData.splitIndex(10, 0.8));
  }

  @Test
  void aSplitLeavingAnEmptyPartIsRefusedAsKerasDoes() {
    // Keras raises "not sufficient to split it" for split_at == 0 or split_at == n
    for (double[] c : new double[][] {{10, 0.9}, {5, 0.8}, {2, 0.6}, {1, 0.5}, {10, 1e-17}}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> FitData.splitIndex((int) c[0], c[1]));
      assertTrue(e.getMessage().contains("validationSplit " + c[1] + " of " + (int) c[0] + " samples"),
          e.getMessage());
    }
    try (CompiledModel m = sparse()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> m.fit(ids(10), quiet(1, 4).validationSplit(0.9).build()));
      assertTrue(e.getMessage().contains("leaves 0 to train on and 10 to validate on"), e.getMessage());
      assertTrue(fake.onlyModel().calls("trainStep").isEmpty(), "refused before any step");
    }
  }

  @Test
  void theValidationRowsAreExactlyTheLastOnesTakenBeforeShuffling() {
    try (CompiledModel m = sparse()) {
      var history = m.fit(ids(10), quiet(3, 3).validationSplit(0.3).build());
      List<Integer> trained = ids("trainStep");
      assertEquals(3 * 7, trained.size());
      for (int e = 0; e < 3; e++) {
        assertEquals(new TreeSet<>(List.of(0, 1, 2, 3, 4, 5, 6)), new TreeSet<>(trained.subList(7 * e, 7 * e + 7)));
      }
      assertTrue(!trained.subList(0, 7).equals(List.of(0, 1, 2, 3, 4, 5, 6)), "the training part is shuffled");
      assertEquals(List.of(7, 8, 9, 7, 8, 9, 7, 8, 9), ids("evaluate"), "the last 3, in order, every epoch");
      assertEquals(3, history.get("val_loss").length);
    }
  }

  @Test
  void validationSplitOutsideTheOpenUnitIntervalOrWithValidationDataIsRefused() {
    for (double bad : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> FitOptions.builder().validationSplit(bad));
      assertEquals("FitOptions: validationSplit must be in (0, 1), got " + bad, e.getMessage());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FitOptions.builder().validationSplit(0.2).validationData(ids(4)).build());
    assertTrue(e.getMessage().startsWith("FitOptions: give validationData or validationSplit, not both"),
        e.getMessage());
    assertTrue(e.getMessage().contains("validationSplit 0.2"), e.getMessage());
  }

  @Test
  void classWeightsBecomeEachTrainingSamplesWeightAndValidationIsNotWeightedByClass() {
    try (CompiledModel m = sparse()) {
      m.fit(ids(10), quiet(1, 4).shuffle(false).validationSplit(0.2).classWeight(Map.of(0, 1.0, 1, 2.0, 2, 3.0))
          .build());
      List<Call> steps = fake.onlyModel().calls("trainStep");
      assertArrayEquals(new double[] {1, 2, 3, 1}, steps.get(0).sampleWeights());
      assertArrayEquals(new double[] {2, 3, 1, 2}, steps.get(1).sampleWeights());
      fake.onlyModel().calls("evaluate").forEach(c -> assertNull(c.sampleWeights()));
    }
  }

  @Test
  void oneHotLabelsTakeTheirArgmaxAndUnmappedClassesWeighOne() {
    // Keras: one-hot rows [[1,0,0],[0,1,0],[1,0,0],[0,0,1]] with {0: 1, 1: 2, 2: 3} give [1, 2, 1, 3]
    float[] oneHot = {1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1};
    Dataset data = Dataset.of(new float[8], Shape.of(2), oneHot, Shape.of(3));
    try (CompiledModel m = Sequential.of(Input.shape(2), Dense.units(3)).compile(fake, Optimizer.sgd(0.1),
        Loss.categoricalCrossentropy().withFromLogits(true))) {
      m.fit(data, quiet(1, 4).shuffle(false).classWeight(Map.of(0, 1.0, 1, 2.0, 2, 3.0)).build());
      m.fit(data, quiet(1, 4).shuffle(false).classWeight(Map.of(2, 3.0)).build());
      List<Call> steps = fake.onlyModel().calls("trainStep");
      assertArrayEquals(new double[] {1, 2, 1, 3}, steps.get(0).sampleWeights());
      assertArrayEquals(new double[] {1, 1, 1, 3}, steps.get(1).sampleWeights());
    }
  }

  @Test
  void aBinaryOutputsClassIsItsRoundedLabel() {
    Dataset data = Dataset.of(new float[8], Shape.of(2), new float[] {0, 1, 1, 0}, Shape.of(1));
    try (CompiledModel m = Sequential.of(Input.shape(2), Dense.units(1).withActivation(ActivationFn.SIGMOID))
        .compile(fake, Optimizer.sgd(0.1), Loss.binaryCrossentropy())) {
      m.fit(data, quiet(1, 4).shuffle(false).classWeight(Map.of(1, 5.0)).build());
      assertArrayEquals(new double[] {1, 5, 5, 1}, fake.onlyModel().calls("trainStep").get(0).sampleWeights());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> m.fit(data, quiet(1, 4).classWeight(Map.of(2, 5.0)).build()));
      assertTrue(e.getMessage().contains("classWeight names class 2, but model"), e.getMessage());
      assertTrue(e.getMessage().contains("has 2 classes, 0 to 1"), e.getMessage());
    }
  }

  @Test
  void aDatasetsSampleWeightsFollowTheirSamplesThroughShufflingSplitsAndEvaluate() {
    double[] w = {0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5};
    try (CompiledModel m = sparse()) {
      m.fit(ids(10).withSampleWeights(w), quiet(2, 3).validationSplit(0.2).build());
      m.evaluate(ids(10).withSampleWeights(w), 4);
      for (String method : List.of("trainStep", "evaluate")) {
        for (Call c : fake.onlyModel().calls(method)) {
          for (int i = 0; i < c.size(); i++) {
            assertEquals(w[(int) c.feature(i, 0)], c.sampleWeights()[i], 0.0, method);
          }
        }
      }
      assertEquals(2 + 3, fake.onlyModel().calls("evaluate").size(), "two validations of 2 samples, 10 in 3");
    }
  }

  @Test
  void badClassWeightsAreRefusedNamingTheArgument() {
    var b = FitOptions.builder();
    assertEquals("FitOptions: classWeight keys are class indices ≥ 0, got -1",
        assertThrows(IllegalArgumentException.class, () -> b.classWeight(Map.of(-1, 1.0))).getMessage());
    assertEquals("FitOptions: classWeight of class 1 must be finite and ≥ 0, got -2.0",
        assertThrows(IllegalArgumentException.class, () -> b.classWeight(Map.of(1, -2.0))).getMessage());
    assertEquals("FitOptions: classWeight of class 0 must be finite and ≥ 0, got NaN",
        assertThrows(IllegalArgumentException.class, () -> b.classWeight(Map.of(0, Double.NaN))).getMessage());
    try (CompiledModel m = sparse()) {
      IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
          () -> m.fit(ids(6), quiet(1, 4).classWeight(Map.of(0, 1.0, 3, 2.0)).build()));
      assertTrue(unknown.getMessage().startsWith("fit: classWeight names class 3, but model"),
          unknown.getMessage());
      assertTrue(unknown.getMessage().contains("has 3 classes, 0 to 2"), unknown.getMessage());
      IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
          () -> m.fit(ids(6).withSampleWeights(new double[6]), quiet(1, 4).classWeight(Map.of(0, 2.0)).build()));
      assertTrue(both.getMessage().startsWith("fit: give classWeight or sample weights"), both.getMessage());
      assertTrue(fake.onlyModel().calls("trainStep").isEmpty(), "refused before any step");
    }
  }

  @Test
  void badSampleWeightsAreRefusedNamingTheSample() {
    Dataset data = ids(4);
    assertEquals("Dataset.withSampleWeights: expected one weight per sample, 4, got 3",
        assertThrows(IllegalArgumentException.class, () -> data.withSampleWeights(new double[3])).getMessage());
    assertEquals("Dataset.withSampleWeights: every weight must be finite and ≥ 0, but the weight of sample 2 is"
        + " -1.0", assertThrows(IllegalArgumentException.class,
            () -> data.withSampleWeights(new double[] {1, 1, -1, 1})).getMessage());
    assertEquals("Dataset.withSampleWeights: every weight must be finite and ≥ 0, but the weight of sample 1 is"
        + " NaN", assertThrows(IllegalArgumentException.class,
            () -> data.withSampleWeights(new float[] {1, Float.NaN, 1, 1})).getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> data.withSampleWeights(new double[] {1, Double.POSITIVE_INFINITY, 1, 1}));
    IllegalArgumentException unlabelled = assertThrows(IllegalArgumentException.class,
        () -> Dataset.featuresOnly(new float[8], Shape.of(2)).withSampleWeights(new double[4]));
    assertTrue(unlabelled.getMessage().contains("the dataset has no labels"), unlabelled.getMessage());
  }

  @Test
  void sampleWeightsSurviveSlicesAndAreDroppedWithTheLabels() {
    Dataset weighted = ids(5).withSampleWeights(new double[] {5, 4, 3, 2, 1});
    Dataset tail = weighted.slice(3, 5);
    assertEquals(2, tail.sampleWeight(0), 0.0);
    assertEquals(1, tail.sampleWeight(1), 0.0);
    assertEquals(1, ids(5).sampleWeight(4), 0.0, "no weights: every sample weighs 1");
    assertTrue(weighted.arranged(List.of("x"), List.of("y")).hasSampleWeights());
    assertTrue(!weighted.arranged(List.of("x"), null).hasSampleWeights());
  }
}
