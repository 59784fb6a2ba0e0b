package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.init.Initializer;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.Capability;
import dev.layerwise.testing.FakeBackend;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Weights as {@link NdValue}s: reading and writing by full name, by layer and one at a time, and what is refused. */
class CompiledModelWeightsTest {
  private static Sequential model() {
    return Sequential.of(Input.shape(2, 2), Flatten.create(), Dense.units(3).withActivation(ActivationFn.TANH),
        BatchNormalization.create(), Dense.units(2)).withSeed(3);
  }

  private static FakeBackend fake64() {
    return new FakeBackend("fake64", Set.of(Capability.FLOAT64));
  }

  private static CompiledModel compile(FakeBackend fake, DType dtype) {
    return model().compile(fake, TrainingConfig.of(Optimizer.sgd(0.1), Loss.meanSquaredError()).withDType(dtype));
  }

  @Test
  void weightsComeByFullNameByLayerAndOneAtATimeInTheModelsPrecision() {
    try (CompiledModel m = compile(new FakeBackend(), DType.FLOAT32)) {
      Map<String, NdValue> all = m.weights();
      assertEquals(List.of("dense/kernel", "dense/bias", "batch_normalization/gamma", "batch_normalization/beta",
          "batch_normalization/moving_mean", "batch_normalization/moving_variance", "dense_1/kernel",
          "dense_1/bias"), List.copyOf(all.keySet()));
      all.values().forEach(v -> assertEquals(DType.FLOAT32, v.dtype()));
      assertEquals(Shape.of(4, 3), all.get("dense/kernel").shape());
      assertEquals(List.of("kernel", "bias"), List.copyOf(m.weights("dense").keySet()));
      assertEquals(all.get("dense/kernel"), m.weights("dense").get("kernel"));
      assertEquals(all.get("dense_1/bias"), m.weight("dense_1/bias"));
      assertEquals(Map.of(), m.weights("flatten"), "a layer without weights has none");
    }
  }

  @Test
  void setWeightsWritesWhatWasGivenAndLeavesTheRest() {
    FakeBackend fake = fake64();
    try (CompiledModel m = compile(fake, DType.FLOAT64)) {
      Map<String, NdValue> before = m.weights();
      NdValue bias = NdValue.of(Shape.of(2), 0.25, -0.5);
      m.setWeight("dense_1/bias", bias);
      NdValue gamma = NdValue.of(Shape.of(3), 1.5, 2.0, 2.5);
      m.setWeights("batch_normalization", Map.of("gamma", gamma));
      assertEquals(bias, m.weight("dense_1/bias"));
      assertEquals(gamma, m.weight("batch_normalization/gamma"));
      assertEquals(before.get("dense/kernel"), m.weight("dense/kernel"));
      assertArrayEquals(new double[] {0.25, -0.5},
          fake.onlyModel().weightUpdates().get(1).get("dense_1/bias").data(), 0.0);
    }
  }

  @Test
  void badWeightsAreRefusedNamingExpectedAndGivenBeforeTheBackendSeesThem() {
    FakeBackend fake = new FakeBackend();
    try (CompiledModel m = compile(fake, DType.FLOAT32)) {
      NdValue kernel = NdValue.zeros(Shape.of(4, 3), DType.FLOAT32);
      refused(fake, "setWeights: weight 'dense/kernel' of model 'sequential' has shape [4, 3], got a value of shape"
          + " [3, 4]", () -> m.setWeight("dense/kernel", NdValue.zeros(Shape.of(3, 4), DType.FLOAT32)));
      refused(fake, "setWeights: model 'sequential' has no weight 'dense/kernal'; its weights are [dense/kernel,",
          () -> m.setWeights(Map.of("dense/kernal", kernel)));
      refused(fake, "setWeights: model 'sequential' computes in FLOAT32, got a FLOAT64 value for weight"
          + " 'dense/kernel'; convert it with value.withDType(DType.FLOAT32)",
          () -> m.setWeight("dense/kernel", kernel.withDType(DType.FLOAT64)));
      refused(fake, "setWeights: model 'sequential' has no layer 'dense_2'; its layers are [input_layer, flatten, dense,"
          + " batch_normalization, dense_1]", () -> m.setWeights("dense_2", Map.of("kernel", kernel)));
      refused(fake, "setWeights: layer 'dense' of model 'sequential' has no weight 'gamma'; its weights are [kernel,"
          + " bias]", () -> m.setWeights("dense", Map.of("gamma", kernel)));
      refused(fake, "weight: model 'sequential' has no weight 'dense'", () -> m.weight("dense"));
      refused(fake, "weights: model 'sequential' has no layer 'Dense'", () -> m.weights("Dense"));
    }
  }

  @Test
  void oneBadEntryChangesNothing() {
    FakeBackend fake = new FakeBackend();
    try (CompiledModel m = compile(fake, DType.FLOAT32)) {
      Map<String, NdValue> before = m.weights();
      assertThrows(IllegalArgumentException.class, () -> m.setWeights(Map.of(
          "dense_1/bias", NdValue.of(Shape.of(2), 1f, 2f),
          "dense_1/kernel", NdValue.zeros(Shape.of(2, 3), DType.FLOAT32))));
      assertEquals(before, m.weights());
    }
  }

  @Test
  void fromArrayStartsAWeightAtTheGivenValuesRoundedOnlyInFloat32() {
    NdValue values = NdValue.fromArray(new double[][] {{0.1, 0.2}, {0.3, 0.4}, {0.5, 0.6}});
    Sequential model = Sequential.of(Input.shape(3),
        Dense.units(2).withKernelInitializer(Initializer.fromArray(values))).withSeed(9);
    Loss mse = Loss.meanSquaredError();
    try (CompiledModel m = model.compile(fake64(), TrainingConfig.of(Optimizer.sgd(0.1), mse)
        .withDType(DType.FLOAT64))) {
      assertEquals(values, m.weight("dense/kernel"));
    }
    try (CompiledModel m = model.compile(new FakeBackend(), Optimizer.sgd(0.1), mse)) {
      assertEquals(values.withDType(DType.FLOAT32), m.weight("dense/kernel"));
      assertEquals(0.1f, m.weight("dense/kernel").getFloat(0, 0));
    }
  }

  @Test
  void fromArrayOfTheWrongShapeIsRefusedWhenTheModelIsBuilt() {
    NdValue values = NdValue.fromArray(new float[][] {{1, 2, 3}, {4, 5, 6}});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sequential.of(Input.shape(3),
        Dense.units(2).withKernelInitializer(Initializer.fromArray(values))));
    assertEquals("model 'sequential': Dense 'dense', weight 'kernel': Initializer.fromArray holds values of shape"
        + " [2, 3], but the weight has shape [3, 2]", e.getMessage());
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> Initializer.fromArray(NdValue.of(Shape.of(2), 1.0, Double.NaN)));
    assertEquals("FromArray: values must be finite, got NaN at flat index 1", nan.getMessage());
  }

  private static void refused(FakeBackend fake, String message, Runnable call) {
    int before = fake.onlyModel().calls("setWeights").size();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
    assertEquals(before, fake.onlyModel().calls("setWeights").size(), "the backend never saw it");
  }
}
