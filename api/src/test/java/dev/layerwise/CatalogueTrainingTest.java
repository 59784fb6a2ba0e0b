package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.data.Dataset;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.Hardmax;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.regularizers.Regularizer;
import dev.layerwise.spi.DropoutMasks;
import dev.layerwise.testing.FakeBackend;
import dev.layerwise.testing.FakeBackend.Call;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the training loop does for the catalogue: dropout masks, hardmax refusal, regularization reporting. */
class CatalogueTrainingTest {
  private static Dataset data(int n) {
    float[] x = new float[4 * n];
    int[] labels = new int[n];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i % 7) / 7f;
    }
    return Dataset.withClassLabels(x, Shape.of(4), labels);
  }

  private static FitOptions quiet(int epochs, int batch) {
    return FitOptions.builder().epochs(epochs).batchSize(batch).quiet().build();
  }

  @Test
  void eachTrainingStepGetsFreshDropoutMasksAtTheLayersRate() {
    FakeBackend fake = new FakeBackend();
    Sequential model = Sequential.of(Input.shape(4), Dense.units(50), Dropout.rate(0.3), Dense.units(3))
        .withSeed(5);
    try (CompiledModel m = model.compile(fake, Optimizer.sgd(0.1),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      m.fit(data(40), quiet(1, 20));
      List<Call> steps = fake.onlyModel().calls("trainStep");
      assertEquals(2, steps.size());
      float[] first = steps.get(0).masks().get("dropout");
      float[] second = steps.get(1).masks().get("dropout");
      assertEquals(20 * 50, first.length);
      assertFalse(java.util.Arrays.equals(first, second), "masks must differ between steps");
      int dropped = 0;
      for (float v : first) {
        assertTrue(v == 0f || v == 1f);
        dropped += v == 0f ? 1 : 0;
      }
      // 1000 Bernoulli(0.3) draws: mean 300, sd 14.5.
      assertTrue(dropped > 240 && dropped < 360, "dropped " + dropped + " of 1000");
      m.evaluate(data(10));
      assertTrue(fake.onlyModel().calls("evaluate").get(0).masks().isEmpty(), "no masks at inference");
    }
  }

  @Test
  void masksAreReproducibleFromTheSeed() {
    Sequential model = Sequential.of(Input.shape(4), Dropout.rate(0.5), Dense.units(2));
    DropoutMasks masks = new DropoutMasks(model.spec());
    assertArrayEquals(masks.draw(3, 42).get("dropout"), masks.draw(3, 42).get("dropout"));
    assertNotEquals(java.util.Arrays.toString(masks.draw(3, 42).get("dropout")),
        java.util.Arrays.toString(masks.draw(3, 43).get("dropout")));
    assertTrue(new DropoutMasks(Sequential.of(Input.shape(4), Dense.units(2)).spec()).draw(3, 1).isEmpty());
  }

  @Test
  void fitRefusesAModelWithHardmaxBeforeReachingTheBackend() {
    FakeBackend fake = new FakeBackend();
    Sequential model = Sequential.of(Input.shape(4), Dense.units(3), Hardmax.create());
    try (CompiledModel m = model.compile(fake, Optimizer.sgd(0.1), Loss.meanSquaredError())) {
      Dataset d = Dataset.of(new float[8], Shape.of(4), new float[6], Shape.of(3));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.fit(d, quiet(1, 2)));
      assertTrue(e.getMessage().contains("Hardmax 'hardmax' is not differentiable"), e.getMessage());
      assertTrue(fake.onlyModel().calls("trainStep").isEmpty());
      m.predict(d); // inference is fine
    }
  }

  @Test
  void historyReportsTheRegularizationPenaltyApartFromTheLoss() {
    FakeBackend fake = new FakeBackend().trainLoss(c -> 2.0);
    Sequential model = Sequential.of(Input.shape(4), Dense.units(3).withKernelRegularizer(Regularizer.l2(0.01)));
    try (CompiledModel m = model.compile(fake, Optimizer.sgd(0.1),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      History h = m.fit(data(8), quiet(1, 4));
      assertTrue(h.keys().contains("regularization_loss"), h.keys().toString());
    }
    Sequential plain = Sequential.of(Input.shape(4), Dense.units(3));
    try (CompiledModel m = plain.compile(new FakeBackend(), Optimizer.sgd(0.1),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      assertFalse(m.fit(data(8), quiet(1, 4)).keys().contains("regularization_loss"));
    }
  }

  @Test
  void summaryPointsOutABiasRightBeforeBatchNormalization() {
    String s = Sequential.of(Input.shape(8), Dense.units(16), BatchNormalization.create(), Dense.units(2))
        .summary();
    assertTrue(s.contains("Note: Dense 'dense' has a bias right before BatchNormalization 'batch_normalization'"),
        s);
    assertTrue(s.contains("saves 16 parameters"), s);
    String clean = Sequential.of(Input.shape(8), Dense.units(16).withUseBias(false), BatchNormalization.create())
        .summary();
    assertFalse(clean.contains("Note:"), clean);
  }
}
