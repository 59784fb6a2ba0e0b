package dev.layerwise.reference;

import static dev.layerwise.reference.RefGradientCheck.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.Gradients;
import dev.layerwise.spi.StepResult;
import dev.layerwise.spi.TensorValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RefModelTest {

  /** 3 → 4 (relu) → 2, the weights named dense/kernel, dense/bias, dense_1/kernel, dense_1/bias. */
  private static RefModel mlp(Optimizer optimizer, Loss loss) {
    return RefModels.compile(optimizer, loss, Input.shape(3), Dense.units(4).withActivation(ActivationFn.RELU),
        Dense.units(2));
  }

  /** A learnable regression: y = (x0 + x1, x1 − 2·x2). */
  private static Batch regressionBatch(int n, long seed) {
    return RefModels.regressionBatch(n, seed);
  }

  @Test
  void sgdTrainingLowersTheLoss() {
    try (RefModel model = mlp(Optimizer.sgd(0.1), Loss.meanSquaredError())) {
      Batch batch = regressionBatch(16, 71);
      double first = model.evaluate(batch).loss();
      for (int t = 1; t <= 200; t++) {
        model.trainStep(batch, 0.1, t);
      }
      double last = model.evaluate(batch).loss();
      assertTrue(last < 0.2 * first, "loss went from " + first + " to " + last);
    }
  }

  @Test
  void adamTrainingLowersTheCrossEntropy() {
    try (RefModel model = mlp(Optimizer.adam(0.01), Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      Random r = new Random(73);
      int n = 32;
      float[] x = RefModels.floats(r, n * 3, -1, 1);
      float[] y = new float[n];
      for (int i = 0; i < n; i++) {
        y[i] = x[3 * i] + 0.5f * x[3 * i + 2] > 0 ? 1 : 0; // a linearly separable class
      }
      Batch batch = new Batch(x, y, n);
      double first = model.evaluate(batch).loss();
      for (int t = 1; t <= 300; t++) {
        model.trainStep(batch, 0.01, t);
      }
      double last = model.evaluate(batch).loss();
      assertTrue(last < 0.3 * first, "loss went from " + first + " to " + last);
    }
  }

  @Test
  void trainStepIsOneSgdUpdateOfTheLossGradients() {
    try (RefModel model = mlp(Optimizer.sgd(0.1), Loss.meanSquaredError())) {
      Batch batch = regressionBatch(8, 75);
      Gradients g = model.lossGradients(batch);
      Map<String, TensorValue> before = model.weights();
      StepResult step = model.trainStep(batch, 0.25, 1);
      assertEquals(g.loss(), step.loss(), "the loss before the update");
      assertArrayEquals(g.output().toFloats(), step.predictions(), "the outputs before the update");
      Map<String, TensorValue> after = model.weights();
      for (String name : before.keySet()) {
        double[] w = before.get(name).data();
        double[] dw = g.weightGradients().get(name).data();
        double[] expected = new double[w.length];
        for (int i = 0; i < w.length; i++) {
          expected[i] = w[i] - dw[i] * 0.25;
        }
        assertAllClose(name, expected, after.get(name).data(), 0, 0);
      }
    }
  }

  @Test
  void adamSlotsAfterTheFirstStep() {
    try (RefModel model = mlp(Optimizer.adam(0.01), Loss.meanSquaredError())) {
      Map<String, TensorValue> slots = model.optimizerSlots();
      assertEquals(List.of("dense/kernel/m", "dense/kernel/v", "dense/bias/m", "dense/bias/v", "dense_1/kernel/m",
          "dense_1/kernel/v", "dense_1/bias/m", "dense_1/bias/v"), List.copyOf(slots.keySet()));
      slots.values().forEach(s -> assertEquals(0, java.util.Arrays.stream(s.data()).map(Math::abs).sum()));
      Batch batch = regressionBatch(8, 77);
      Gradients g = model.lossGradients(batch);
      model.trainStep(batch, 0.01, 1);
      slots = model.optimizerSlots();
      for (String name : g.weightGradients().keySet()) {
        double[] grad = g.weightGradients().get(name).data();
        double[] m = new double[grad.length];
        double[] v = new double[grad.length];
        for (int i = 0; i < grad.length; i++) {
          m[i] = (1 - 0.9) * grad[i];
          v[i] = (1 - 0.999) * grad[i] * grad[i];
        }
        assertAllClose(name + "/m", m, slots.get(name + "/m").data(), 1e-18, 1e-15);
        assertAllClose(name + "/v", v, slots.get(name + "/v").data(), 1e-20, 1e-15);
      }
    }
  }

  @Test
  void applyGradientsEqualsTrainStep() {
    Batch batch = regressionBatch(8, 79);
    try (RefModel a = mlp(Optimizer.adam(0.01), Loss.meanSquaredError());
        RefModel b = mlp(Optimizer.adam(0.01), Loss.meanSquaredError())) {
      for (int t = 1; t <= 3; t++) {
        a.trainStep(batch, 0.01, t);
        b.applyGradients(b.lossGradients(batch).weightGradients(), 0.01, t);
      }
      assertEquals(a.weights(), b.weights());
      assertEquals(a.optimizerSlots(), b.optimizerSlots());
    }
  }

  @Test
  void weightsRoundTripAndAreCopies() {
    try (RefModel model = mlp(Optimizer.sgd(0.1), Loss.meanSquaredError())) {
      Map<String, TensorValue> w = model.weights();
      assertEquals(List.of("dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias"), List.copyOf(w.keySet()));
      assertEquals(Shape.of(3, 4), w.get("dense/kernel").shape());
      Map<String, TensorValue> changed = new LinkedHashMap<>();
      w.forEach((name, t) -> changed.put(name, new TensorValue(t.shape(), t.data().clone())));
      changed.get("dense/kernel").data()[5] = 0.125;
      changed.get("dense_1/bias").data()[1] = -3;
      model.setWeights(changed);
      assertEquals(changed, model.weights());
      model.weights().get("dense/kernel").data()[5] = 99; // a copy: the model keeps its own
      assertEquals(0.125, model.weights().get("dense/kernel").data()[5]);
      changed.get("dense/kernel").data()[5] = 77; // and setWeights copied in
      assertEquals(0.125, model.weights().get("dense/kernel").data()[5]);
    }
  }

  @Test
  void setWeightsRejectsUnknownNamesAndWrongShapesAndChangesNothing() {
    try (RefModel model = mlp(Optimizer.sgd(0.1), Loss.meanSquaredError())) {
      Map<String, TensorValue> before = model.weights();
      Map<String, TensorValue> bad = new LinkedHashMap<>();
      bad.put("dense/bias", TensorValue.zeros(Shape.of(4)));
      bad.put("dense/kernl", TensorValue.zeros(Shape.of(3, 4)));
      var e = assertThrows(IllegalArgumentException.class, () -> model.setWeights(bad));
      assertEquals("setWeights: unknown weight 'dense/kernl'; the model's are [dense/kernel, dense/bias,"
          + " dense_1/kernel, dense_1/bias]", e.getMessage());
      e = assertThrows(IllegalArgumentException.class,
          () -> model.setWeights(Map.of("dense/kernel", TensorValue.zeros(Shape.of(4, 3)))));
      assertEquals("setWeights: weight 'dense/kernel' expects shape [3, 4], got [4, 3]", e.getMessage());
      assertEquals(before, model.weights(), "a rejected map changes nothing");
    }
  }

  @Test
  void applyGradientsNeedsEveryTrainableWeight() {
    try (RefModel model = mlp(Optimizer.sgd(0.1), Loss.meanSquaredError())) {
      Map<String, TensorValue> g = new LinkedHashMap<>(model.lossGradients(regressionBatch(4, 81)).weightGradients());
      g.remove("dense_1/bias");
      var e = assertThrows(IllegalArgumentException.class, () -> model.applyGradients(g, 0.1, 1));
      assertEquals("applyGradients: missing trainable weight 'dense_1/bias'; expected one for each of"
          + " [dense/kernel, dense/bias, dense_1/kernel, dense_1/bias]", e.getMessage());
    }
  }

  @Test
  void optimizerSlotsRoundTripAndChecks() {
    try (RefModel model = mlp(Optimizer.adam(0.01), Loss.meanSquaredError())) {
      TensorValue m = new TensorValue(Shape.of(2), new double[] {0.5, -0.5});
      model.setOptimizerSlots(Map.of("dense_1/bias/m", m));
      assertEquals(m, model.optimizerSlots().get("dense_1/bias/m"));
      assertEquals(TensorValue.zeros(Shape.of(2)), model.optimizerSlots().get("dense_1/bias/v"));
      var e = assertThrows(IllegalArgumentException.class,
          () -> model.setOptimizerSlots(Map.of("dense_1/bias/u", m)));
      assertTrue(e.getMessage().startsWith("setOptimizerSlots: unknown optimizer slot 'dense_1/bias/u'; the"
          + " model's are [dense/kernel/m, dense/kernel/v, "), e.getMessage());
    }
    try (RefModel model = mlp(Optimizer.sgd(0.1), Loss.meanSquaredError())) {
      assertTrue(model.optimizerSlots().isEmpty());
    }
  }

  @Test
  void usesOnlyTheFirstValuesOfLongBuffers() {
    try (RefModel model = mlp(Optimizer.sgd(0.1), Loss.meanSquaredError())) {
      Batch exact = regressionBatch(5, 83);
      float[] x = java.util.Arrays.copyOf(exact.x(), 100);
      float[] y = java.util.Arrays.copyOf(exact.y(), 40);
      java.util.Arrays.fill(x, 15, 100, Float.NaN);
      java.util.Arrays.fill(y, 10, 40, Float.NaN);
      Batch padded = new Batch(x, y, 5);
      assertEquals(model.evaluate(exact).loss(), model.evaluate(padded).loss());
      assertArrayEquals(model.predict(exact), model.predict(padded));
      assertEquals(10, model.predict(padded).length);
    }
  }

  @Test
  void refusesShortOrUnlabelledBatches() {
    try (RefModel model = mlp(Optimizer.sgd(0.1), Loss.meanSquaredError())) {
      var e = assertThrows(IllegalArgumentException.class,
          () -> model.predict(Batch.features(new float[8], 3)));
      assertEquals("predict: 3 samples of shape [3] need 9 feature values, got 8", e.getMessage());
      e = assertThrows(IllegalArgumentException.class,
          () -> model.trainStep(Batch.features(new float[9], 3), 0.1, 1));
      assertEquals("trainStep: the batch has no labels, which the loss needs", e.getMessage());
      e = assertThrows(IllegalArgumentException.class,
          () -> model.evaluate(new Batch(new float[9], new float[5], 3)));
      assertEquals("evaluate: 3 samples need 6 label values (2 each), got 5", e.getMessage());
      e = assertThrows(IllegalArgumentException.class, () -> model.outputGradients(regressionBatch(3, 1),
          TensorValue.zeros(Shape.of(2, 2)), true));
      assertEquals("outputGradients: the cotangent R must have the output's shape [3, 2], got [2, 2]",
          e.getMessage());
      e = assertThrows(IllegalArgumentException.class, () -> model.trainStep(regressionBatch(3, 1), 0.1, 0));
      assertEquals("trainStep: step is the 1-based index of the update, got 0", e.getMessage());
    }
  }

  @Test
  void forwardKeepsTheBatchDimension() {
    try (RefModel model = RefModels.compile(Optimizer.sgd(0.1), Loss.meanSquaredError(), Input.shape(2, 3),
        Dense.units(4))) {
      TensorValue out = model.forward(Batch.features(RefModels.floats(new Random(1), 30, -1, 1), 5), false);
      assertEquals(Shape.of(5, 2, 4), out.shape());
      assertEquals(out, model.forward(Batch.features(RefModels.floats(new Random(1), 30, -1, 1), 5), true));
    }
  }

  @Test
  void closedModelsRefuseWork() {
    RefModel model = mlp(Optimizer.sgd(0.1), Loss.meanSquaredError());
    model.close();
    model.close(); // idempotent
    var e = assertThrows(IllegalStateException.class, model::weights);
    assertEquals("weights: RefModel 'tiny' is closed", e.getMessage());
    assertThrows(IllegalStateException.class, () -> model.predict(Batch.features(new float[3], 1)));
    assertThrows(IllegalStateException.class, () -> model.trainStep(regressionBatch(1, 1), 0.1, 1));
  }

  @Test
  void startsFromTheSpecsInitializersWithSeedZero() {
    try (RefModel model = (RefModel) new RefBackend().compile(
        dev.layerwise.spi.ModelSpec.chain("m", List.of(Input.shape(3), Dense.units(2))),
        dev.layerwise.TrainingConfig.of(Optimizer.sgd(0.1), Loss.meanSquaredError()))) {
      assertEquals(model.spec().initialWeights(0), model.weights());
      assertNotEquals(0, java.util.Arrays.stream(model.weights().get("dense/kernel").data()).map(Math::abs).sum());
    }
  }
}
