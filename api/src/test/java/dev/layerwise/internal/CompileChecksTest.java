package dev.layerwise.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.CompiledModel;
import dev.layerwise.Sequential;
import dev.layerwise.layers.Activation;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.testing.FakeBackend;
import org.junit.jupiter.api.Test;

/** The logits/probabilities checks {@code Sequential.compile} runs before any backend sees the model. */
class CompileChecksTest {
  private final FakeBackend fake = new FakeBackend();

  private static Sequential mlp(Dense last) {
    return Sequential.of(Input.shape(28, 28), Flatten.create(), Dense.units(128).withActivation(ActivationFn.RELU),
        last);
  }

  private IllegalArgumentException refused(Sequential model, Loss loss) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> model.compile(fake, Optimizer.adam(1e-3), loss, Metric.ACCURACY));
    assertEquals(0, fake.models().size(), "refused before the backend compiled anything");
    return e;
  }

  private void accepted(Sequential model, Loss loss) {
    try (CompiledModel m = assertDoesNotThrow(() -> model.compile(fake, Optimizer.adam(1e-3), loss))) {
      assertEquals(model.spec(), m.spec());
    }
  }

  private static void assertContains(Exception e, String... parts) {
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
    }
  }

  @Test
  void softmaxLastWithALogitsLossIsTheDoubleSoftmaxTrap() {
    IllegalArgumentException e = refused(mlp(Dense.units(10).withActivation(ActivationFn.SOFTMAX)),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true));
    assertContains(e, "sparse_categorical_crossentropy(fromLogits=true) expects logits",
        "last layer 'dense_1' already applies softmax", "applied twice", "double-softmax",
        "Remove the activation from 'dense_1'", "fromLogits=false");
  }

  @Test
  void aSeparateSoftmaxLayerIsCaughtToo() {
    Sequential m = Sequential.of(Input.shape(4), Dense.units(3), Activation.of(ActivationFn.SOFTMAX));
    assertContains(refused(m, Loss.categoricalCrossentropy().withFromLogits(true)),
        "last layer 'activation' already applies softmax", "double-softmax");
  }

  @Test
  void aLinearLastLayerWithAProbabilityLossIsRefused() {
    IllegalArgumentException e = refused(mlp(Dense.units(10)), Loss.sparseCategoricalCrossentropy());
    assertContains(e, "sparse_categorical_crossentropy(fromLogits=false) expects probabilities",
        "last layer 'dense_1' outputs linear values", "not softmax probabilities", "Use fromLogits=true",
        "end the model with softmax");
  }

  @Test
  void aReluLastLayerWithAProbabilityLossIsRefusedNamingRelu() {
    IllegalArgumentException e = refused(Sequential.of(Input.shape(4),
        Dense.units(3).withActivation(ActivationFn.RELU)), Loss.categoricalCrossentropy());
    assertContains(e, "categorical_crossentropy(fromLogits=false)", "outputs relu values");
  }

  @Test
  void sigmoidLastWithALogitsBinaryLossIsRefused() {
    IllegalArgumentException e = refused(Sequential.of(Input.shape(4),
        Dense.units(1).withActivation(ActivationFn.SIGMOID)), Loss.binaryCrossentropy().withFromLogits(true));
    assertContains(e, "binary_crossentropy(fromLogits=true) expects logits", "already applies sigmoid",
        "applied twice");
  }

  @Test
  void aLinearLastLayerWithAProbabilityBinaryLossIsRefused() {
    IllegalArgumentException e = refused(Sequential.of(Input.shape(4), Dense.units(1)), Loss.binaryCrossentropy());
    assertContains(e, "binary_crossentropy(fromLogits=false) expects probabilities", "not sigmoid probabilities",
        "fromLogits=true");
  }

  @Test
  void matchingPairsCompile() {
    accepted(mlp(Dense.units(10)), Loss.sparseCategoricalCrossentropy().withFromLogits(true));
    accepted(mlp(Dense.units(10).withActivation(ActivationFn.SOFTMAX)), Loss.sparseCategoricalCrossentropy());
    accepted(mlp(Dense.units(10).withActivation(ActivationFn.SOFTMAX)), Loss.categoricalCrossentropy());
    accepted(Sequential.of(Input.shape(4), Dense.units(1).withActivation(ActivationFn.SIGMOID)),
        Loss.binaryCrossentropy());
    accepted(Sequential.of(Input.shape(4), Dense.units(1)), Loss.binaryCrossentropy().withFromLogits(true));
  }

  @Test
  void meanSquaredErrorHasNoActivationCheck() {
    accepted(Sequential.of(Input.shape(4), Dense.units(2)), Loss.meanSquaredError());
    accepted(Sequential.of(Input.shape(4), Dense.units(2).withActivation(ActivationFn.SIGMOID)),
        Loss.meanSquaredError());
    accepted(Sequential.of(Input.shape(4), Dense.units(2).withActivation(ActivationFn.SOFTMAX)),
        Loss.meanSquaredError());
  }

  @Test
  void klDivergenceNeedsSoftmaxLastAndOffersNoLogitsForm() {
    IllegalArgumentException e = refused(mlp(Dense.units(10)), Loss.klDivergence());
    assertEquals("kl_divergence expects probabilities, but the last layer 'dense_1' outputs linear values, not"
        + " softmax probabilities. End the model with softmax.", e.getMessage());
    assertContains(refused(mlp(Dense.units(10).withActivation(ActivationFn.SIGMOID)), Loss.klDivergence()),
        "outputs sigmoid values");
    accepted(mlp(Dense.units(10).withActivation(ActivationFn.SOFTMAX)), Loss.klDivergence());
  }

  @Test
  void theHingeAndTheRegressionLossesReadRawValuesFromAnyLastLayer() {
    for (Loss loss : new Loss[] {Loss.categoricalHinge(), Loss.meanAbsoluteError(), Loss.huber()}) {
      accepted(mlp(Dense.units(10)), loss);
      accepted(mlp(Dense.units(10).withActivation(ActivationFn.SOFTMAX)), loss);
      accepted(mlp(Dense.units(10).withActivation(ActivationFn.TANH)), loss);
    }
  }

  @Test
  void aOneClassHingeIsRefused() {
    assertContains(refused(Sequential.of(Input.shape(4), Dense.units(1)), Loss.categoricalHinge()),
        "categorical_hinge", "at least 2 classes", "got [1]");
  }

  @Test
  void metricsThatDoNotFitTheModelAreRefusedAtCompile() {
    Sequential tenClasses = mlp(Dense.units(10));
    Loss logits = Loss.sparseCategoricalCrossentropy().withFromLogits(true);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> tenClasses.compile(fake, Optimizer.adam(1e-3), logits, Metric.topK(12)));
    assertEquals("top_k_categorical_accuracy: k must be at most the number of classes, 10, got k = 12",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> tenClasses.compile(fake, Optimizer.adam(1e-3), Loss.categoricalHinge(), Metric.auc()));
    assertContains(e, "auc ranks predicted probabilities", "raw scores");
    e = assertThrows(IllegalArgumentException.class, () -> Sequential.of(Input.shape(4), Dense.units(1))
        .compile(fake, Optimizer.adam(1e-3), Loss.meanSquaredError(), Metric.precision()));
    assertContains(e, "precision needs a classifier", "a regression model");
    assertEquals(0, fake.models().size(), "refused before the backend compiled anything");
  }

  @Test
  void twoMetricsUnderOneKeyAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mlp(Dense.units(10))
        .compile(fake, Optimizer.adam(1e-3), Loss.sparseCategoricalCrossentropy().withFromLogits(true),
            Metric.topK(3), Metric.topK(5)));
    assertEquals("metrics: TopKCategoricalAccuracy[k=3] and TopKCategoricalAccuracy[k=5] both report as"
        + " 'top_k_categorical_accuracy'; keep one", e.getMessage());
  }

  @Test
  void anOutputThatCannotCarryTheLossIsRefused() {
    Sequential m = Sequential.of(Input.shape(5, 4), Dense.units(3));
    assertContains(refused(m, Loss.sparseCategoricalCrossentropy().withFromLogits(true)), "[classes]", "[5, 3]");
  }
}
