package dev.layerwise.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.testing.FakeBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The data checks {@code fit}, {@code evaluate} and {@code predict} run in Java before a backend sees a sample. */
class DataChecksTest {
  private static final FitOptions QUIET = FitOptions.builder().quiet().build();

  private final FakeBackend fake = new FakeBackend();
  private CompiledModel model;

  @AfterEach
  void close() {
    if (model != null) {
      model.close();
    }
  }

  /** Input(2, 2) → Flatten → Dense(3) logits, sparse labels. */
  private CompiledModel classifier() {
    model = Sequential.of(Input.shape(2, 2), Flatten.create(), Dense.units(3)).withSeed(1)
        .compile(fake, Optimizer.sgd(0.1), Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY);
    return model;
  }

  private static Dataset images(int... labels) {
    return Dataset.withClassLabels(new float[4 * labels.length], Shape.of(2, 2), labels);
  }

  private IllegalArgumentException refusedBeforeTheBackend(Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    FakeBackend.FakeModel m = fake.onlyModel();
    assertEquals(0, m.calls("trainStep").size(), "no trainStep reached the backend");
    assertEquals(0, m.calls("evaluate").size(), "no evaluate reached the backend");
    assertEquals(0, m.calls("predict").size(), "no predict reached the backend");
    return e;
  }

  private static void assertContains(Exception e, String... parts) {
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
    }
  }

  @Test
  void fitWithFeaturesOfTheWrongShapeNamesTheInputAndBothShapes() {
    CompiledModel m = classifier();
    Dataset flat = Dataset.withClassLabels(new float[8], Shape.of(4), new int[] {0, 1});
    IllegalArgumentException e = refusedBeforeTheBackend(() -> m.fit(flat, QUIET));
    assertContains(e, "fit:", "Input 'input_layer'", "expects samples of shape [2, 2] (4 features)",
        "got samples of shape [4] (4 features)", "Dataset.withFeatureShape");
  }

  @Test
  void aFeatureCountMismatchGetsNoReshapeHint() {
    CompiledModel m = classifier();
    Dataset wrong = Dataset.withClassLabels(new float[10], Shape.of(5), new int[] {0, 1});
    IllegalArgumentException e = refusedBeforeTheBackend(() -> m.fit(wrong, QUIET));
    assertContains(e, "[2, 2] (4 features)", "[5] (5 features)");
    assertFalse(e.getMessage().contains("withFeatureShape"), e.getMessage());
  }

  @Test
  void predictAndEvaluateCheckFeaturesToo() {
    CompiledModel m = classifier();
    Dataset flat = Dataset.withClassLabels(new float[8], Shape.of(4), new int[] {0, 1});
    assertContains(refusedBeforeTheBackend(() -> m.predict(flat)), "predict:", "[2, 2]", "[4]");
    assertContains(refusedBeforeTheBackend(() -> m.evaluate(flat)), "evaluate:", "[2, 2]", "[4]");
  }

  @Test
  void sparseLabelsOutsideTheClassRangeNameTheSampleLabelAndRange() {
    CompiledModel m = classifier();
    IllegalArgumentException e = refusedBeforeTheBackend(() -> m.fit(images(0, 2, 3, 1), QUIET));
    assertContains(e, "sparse_categorical_crossentropy", "class labels in [0, 3)", "last layer 'dense' has 3 outputs",
        "sample 2 has label 3.0");
  }

  @Test
  void negativeLabelsAreRejected() {
    CompiledModel m = classifier();
    assertContains(refusedBeforeTheBackend(() -> m.fit(images(-1), QUIET)), "sample 0 has label -1.0");
  }

  @Test
  void nonIntegerClassLabelsAreRejected() {
    CompiledModel m = classifier();
    Dataset half = Dataset.of(new float[8], Shape.of(2, 2), new float[] {1, 1.5f}, Shape.scalar());
    assertContains(refusedBeforeTheBackend(() -> m.fit(half, QUIET)), "sample 1 has label 1.5");
    Dataset nan = Dataset.of(new float[4], Shape.of(2, 2), new float[] {Float.NaN}, Shape.scalar());
    assertContains(refusedBeforeTheBackend(() -> m.fit(nan, QUIET)), "sample 0 has label NaN");
  }

  @Test
  void sparseLabelsOfShapeOneAreAccepted() {
    CompiledModel m = classifier();
    Dataset d = Dataset.of(new float[8], Shape.of(2, 2), new float[] {2, 0}, Shape.of(1));
    m.fit(d, QUIET);
    assertEquals(1, fake.onlyModel().calls("trainStep").size());
  }

  @Test
  void labelsOfTheWrongShapeAreRejected() {
    CompiledModel m = classifier();
    Dataset oneHot = Dataset.of(new float[8], Shape.of(2, 2), new float[6], Shape.of(3));
    assertContains(refusedBeforeTheBackend(() -> m.fit(oneHot, QUIET)),
        "expects labels of shape [] for model outputs of shape [3], got labels of shape [3]");
  }

  @Test
  void denseLabelsMustHaveTheOutputShape() {
    model = Sequential.of(Input.shape(2), Dense.units(3)).compile(fake, Optimizer.sgd(0.1),
        Loss.categoricalCrossentropy().withFromLogits(true));
    Dataset sparse = Dataset.withClassLabels(new float[4], Shape.of(2), new int[] {0, 1});
    IllegalArgumentException e = refusedBeforeTheBackend(() -> model.fit(sparse, QUIET));
    assertContains(e, "categorical_crossentropy expects labels of shape [3]", "got labels of shape []");
  }

  @Test
  void evaluateWithoutLabelsIsRejected() {
    CompiledModel m = classifier();
    Dataset unlabelled = Dataset.featuresOnly(new float[8], Shape.of(2, 2));
    assertContains(refusedBeforeTheBackend(() -> m.evaluate(unlabelled)), "evaluate:", "no labels",
        "sparse_categorical_crossentropy needs them");
  }

  @Test
  void fitWithoutLabelsIsRejected() {
    CompiledModel m = classifier();
    Dataset unlabelled = Dataset.featuresOnly(new float[8], Shape.of(2, 2));
    assertContains(refusedBeforeTheBackend(() -> m.fit(unlabelled, QUIET)), "fit:", "no labels");
  }

  @Test
  void badValidationLabelsAreCaughtBeforeTraining() {
    CompiledModel m = classifier();
    FitOptions withVal = FitOptions.builder().quiet().validationData(images(1, 7)).build();
    assertContains(refusedBeforeTheBackend(() -> m.fit(images(0, 1), withVal)), "fit validationData",
        "sample 1 has label 7.0");
  }

  // ---- non-finite features, every call ------------------------------------------------------------------------

  private static Dataset imagesWith(float bad, int sample, int feature, int... labels) {
    float[] x = new float[4 * labels.length];
    x[sample * 4 + feature] = bad;
    return Dataset.withClassLabels(x, Shape.of(2, 2), labels);
  }

  @Test
  void aNaNFeatureInFitNamesTheSampleTheFeatureAndItsPosition() {
    CompiledModel m = classifier();
    IllegalArgumentException e = refusedBeforeTheBackend(() -> m.fit(imagesWith(Float.NaN, 2, 3, 0, 1, 2), QUIET));
    assertEquals("fit: every feature must be finite, but feature 3 (at [1, 1] of [2, 2]) of sample 2 is NaN",
        e.getMessage());
  }

  @Test
  void nonFiniteFeaturesAreRefusedByPredictEvaluateAndValidation() {
    CompiledModel m = classifier();
    Dataset inf = imagesWith(Float.POSITIVE_INFINITY, 1, 0, 0, 1);
    assertContains(refusedBeforeTheBackend(() -> m.predict(inf)), "predict:", "feature 0", "sample 1 is Infinity");
    assertContains(refusedBeforeTheBackend(() -> m.evaluate(imagesWith(Float.NaN, 0, 2, 1))), "evaluate:",
        "feature 2 (at [1, 0] of [2, 2]) of sample 0 is NaN");
    FitOptions withVal = FitOptions.builder().quiet().validationData(imagesWith(Float.NEGATIVE_INFINITY, 1, 1, 0, 2))
        .build();
    assertContains(refusedBeforeTheBackend(() -> m.fit(images(0, 1), withVal)), "fit validationData:",
        "feature 1 (at [0, 1] of [2, 2]) of sample 1 is -Infinity");
    assertContains(refusedBeforeTheBackend(() -> m.predict(new float[] {0, 0, Float.NaN, 0})), "predict:",
        "feature 2");
  }

  @Test
  void afterRefusedDataTheSameModelTrainsOnCleanData() {
    CompiledModel m = classifier();
    refusedBeforeTheBackend(() -> m.fit(imagesWith(Float.NaN, 0, 0, 1), QUIET));
    assertEquals(0, m.iterations());
    m.fit(images(0, 1, 2), QUIET);
    assertEquals(1, fake.onlyModel().calls("trainStep").size());
    assertEquals(1, m.iterations());
  }

  @Test
  void dataAssumedFiniteSkipsTheScan() {
    CompiledModel m = classifier();
    Dataset nan = imagesWith(Float.NaN, 0, 1, 2).withFiniteFeaturesAssumed();
    m.predict(nan);
    assertTrue(Float.isNaN(fake.onlyModel().calls("predict").get(0).feature(0, 1)), "the NaN reached the backend");
  }

  // ---- targets against the loss -------------------------------------------------------------------------------

  private CompiledModel denseModel(Loss loss) {
    // kl_divergence reads probabilities: its model ends with softmax
    Dense last = loss.probabilityActivation().map(Dense.units(3)::withActivation).orElse(Dense.units(3));
    model = Sequential.of(Input.shape(2), last).withSeed(1).compile(fake, Optimizer.sgd(0.1), loss);
    return model;
  }

  private static Dataset targets(float... y) {
    return Dataset.of(new float[2 * (y.length / 3)], Shape.of(2), y, Shape.of(3));
  }

  @Test
  void binaryCrossEntropyTargetsMustBeProbabilities() {
    CompiledModel m = denseModel(Loss.binaryCrossentropy().withFromLogits(true));
    // The case: labels 5, -1 and 7 gave a loss of -1.0986 and accuracy 1.0.
    IllegalArgumentException five = refusedBeforeTheBackend(() -> m.fit(targets(0, 1, 5, 1, 0, 0), QUIET));
    assertEquals("fit: binary_crossentropy expects targets in [0, 1] (probabilities of the positive class), but"
        + " sample 0 element 2 is 5.0 (its targets: [0.0, 1.0, 5.0])", five.getMessage());
    assertContains(refusedBeforeTheBackend(() -> m.fit(targets(0, 0, 0, -1, 1, 0), QUIET)), "sample 1 element 0 is"
        + " -1.0");
    assertContains(refusedBeforeTheBackend(() -> m.evaluate(targets(7, 0, 0))), "evaluate:", "element 0 is 7.0");
    assertContains(refusedBeforeTheBackend(() -> m.fit(targets(Float.NaN, 0, 0), QUIET)), "element 0 is NaN");
    m.fit(targets(0, 1, 0.25f, 1, 0, 0.75f), QUIET); // soft targets are fine
    assertEquals(1, fake.onlyModel().calls("trainStep").size());
  }

  @Test
  void categoricalTargetsMustBeNonNegativeAndSumToOne() {
    CompiledModel m = denseModel(Loss.categoricalCrossentropy().withFromLogits(true));
    // The case: (2, -3, 0) sums to -1 and gave a negative loss.
    IllegalArgumentException negative = refusedBeforeTheBackend(() -> m.fit(targets(2, -3, 0), QUIET));
    assertEquals("fit: categorical_crossentropy expects each sample's targets to be ≥ 0 and to sum to 1 (one-hot or"
        + " soft labels; for class indices use sparse_categorical_crossentropy), but sample 0 element 1 is -3.0"
        + " (its targets: [2.0, -3.0, 0.0])", negative.getMessage());
    assertContains(refusedBeforeTheBackend(() -> m.fit(targets(0, 1, 0, 0.5f, 0.5f, 0.5f), QUIET)),
        "the targets of sample 1 sum to 1.5", "[0.5, 0.5, 0.5]");
    assertContains(refusedBeforeTheBackend(() -> m.fit(targets(0, 0, 0), QUIET)), "sample 0 sum to 0.0");
    assertContains(refusedBeforeTheBackend(() -> m.fit(targets(0, 0, Float.POSITIVE_INFINITY), QUIET)),
        "element 2 is Infinity");
    assertContains(refusedBeforeTheBackend(() -> m.fit(targets(0.3336f, 0.3336f, 0.3338f), QUIET)), "sum to 1.001");
    m.fit(targets(0.1f, 0.2f, 0.7f, 0, 0, 1, 0.3334f, 0.3333f, 0.3338f), QUIET); // soft labels, sum off by 5e-4
    assertEquals(1, fake.onlyModel().calls("trainStep").size());
  }

  @Test
  void meanSquaredErrorTargetsMustBeFinite() {
    CompiledModel m = denseModel(Loss.meanSquaredError());
    IllegalArgumentException e = refusedBeforeTheBackend(() -> m.fit(targets(1, 2, 3, -4, Float.NaN, 6), QUIET));
    assertEquals("fit: mean_squared_error expects finite targets, but sample 1 element 1 is NaN (its targets:"
        + " [-4.0, NaN, 6.0])", e.getMessage());
    m.fit(targets(1e30f, -7, 0.5f), QUIET); // any finite value
    assertEquals(1, fake.onlyModel().calls("trainStep").size());
  }

  @Test
  void meanAbsoluteErrorTargetsMustBeFinite() {
    CompiledModel mae = denseModel(Loss.meanAbsoluteError());
    assertEquals("fit: mean_absolute_error expects finite targets, but sample 0 element 2 is Infinity (its targets:"
        + " [1.0, 2.0, Infinity])", refusedBeforeTheBackend(() -> mae.fit(targets(1, 2, Float.POSITIVE_INFINITY),
            QUIET)).getMessage());
  }

  @Test
  void huberTargetsMustBeFinite() {
    CompiledModel huber = denseModel(Loss.huber());
    assertContains(refusedBeforeTheBackend(() -> huber.evaluate(targets(Float.NaN, 0, 0))), "evaluate: huber"
        + " expects finite targets", "element 0 is NaN");
  }

  @Test
  void klDivergenceTargetsMustLieInTheUnitInterval() {
    CompiledModel m = denseModel(Loss.klDivergence());
    IllegalArgumentException e = refusedBeforeTheBackend(() -> m.fit(targets(0.5f, 1.5f, 0), QUIET));
    assertEquals("fit: kl_divergence expects targets in [0, 1] (a target distribution over the last axis), but"
        + " sample 0 element 1 is 1.5 (its targets: [0.5, 1.5, 0.0])", e.getMessage());
    assertContains(refusedBeforeTheBackend(() -> m.fit(targets(-0.1f, 0.5f, 0.6f), QUIET)), "element 0 is -0.1");
    m.fit(targets(0.5f, 0.8f, 0.12f), QUIET); // rows need not sum to 1, as in Keras's own tests
    assertEquals(1, fake.onlyModel().calls("trainStep").size());
  }

  @Test
  void categoricalHingeTargetsAreOneHotRows() {
    CompiledModel m = denseModel(Loss.categoricalHinge());
    // Keras's docstring allows {-1, +1}, but its formula gives the wrong classes a weight of 1 − (−1) = 2
    assertContains(refusedBeforeTheBackend(() -> m.fit(targets(1, -1, -1), QUIET)), "categorical_hinge expects"
        + " targets in [0, 1] (one-hot rows", "element 1 is -1.0");
    m.fit(targets(0, 1, 0), QUIET);
    assertEquals(1, fake.onlyModel().calls("trainStep").size());
  }
}
