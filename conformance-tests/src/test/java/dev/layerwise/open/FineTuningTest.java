package dev.layerwise.open;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.ForwardOptions;
import dev.layerwise.ForwardResult;
import dev.layerwise.LossGradients;
import dev.layerwise.Model;
import dev.layerwise.NdValue;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.regularizers.Regularizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Frozen layers with Keras's semantics, and the fine-tuning path end to end on both backends: train, freeze the base,
 * train the head (the base's weights and its batch normalisation's moving statistics bit for bit unchanged, no
 * optimizer slot for them), unfreeze, recompile keeping the weights, train on (the base moves again).
 */
class FineTuningTest {
  private static final int N = 16;
  private static final List<String> BASE = List.of("base", "base_bn");
  private static final FitOptions TWO_EPOCHS = FitOptions.builder().epochs(2).batchSize(4).quiet().build();

  /** 4 → base (Dense 6, ReLU, L2) → base_bn → head (Dense 3). */
  private static Sequential model() {
    return Sequential.of(Input.shape(4), Dense.units(6).withActivation(ActivationFn.RELU).withName("base")
        .withKernelRegularizer(Regularizer.l2(0.01)), BatchNormalization.create().withName("base_bn"),
        Flatten.create(), Dense.units(3).withName("head")).withName("tuned").withSeed(21);
  }

  private static TrainingConfig config(double learningRate) {
    return TrainingConfig.of(Optimizer.adam(learningRate), Loss.sparseCategoricalCrossentropy().withFromLogits(true));
  }

  private static Dataset data() {
    SplittableRandom r = new SplittableRandom(3);
    float[] x = new float[N * 4];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextDouble(-2, 2);
    }
    int[] y = new int[N];
    for (int i = 0; i < N; i++) {
      y[i] = r.nextInt(3);
    }
    return Dataset.withClassLabels(x, Shape.of(4), y);
  }

  private static Map<String, NdValue> baseWeights(CompiledModel m) {
    Map<String, NdValue> base = new java.util.LinkedHashMap<>(m.weights("base"));
    m.weights("base_bn").forEach((k, v) -> base.put("base_bn/" + k, v));
    return base;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void trainFreezeTrainTheHeadUnfreezeTrainOn(String backend) {
    try (CompiledModel all = model().compile(Backend.named(backend), config(1e-2))) {
      all.fit(data(), TWO_EPOCHS);
      Model frozen = model().withTrainable(false, BASE.toArray(String[]::new));
      assertEquals(BASE, frozen.frozenLayers());
      try (CompiledModel head = all.recompile(frozen, config(1e-2))) {
        assertEquals(all.weights(), head.weights(), "recompile keeps the weights");
        assertEquals(List.of("head/kernel", "head/bias"), head.spec().trainableWeightNames());
        assertEquals(Set.of("head/kernel/m", "head/kernel/v", "head/bias/m", "head/bias/v"),
            head.backendModel().optimizerSlots().keySet(), "no optimizer slot for a frozen weight");
        LossGradients g = head.gradients(data());
        assertEquals(Set.of("head/kernel", "head/bias"), g.weights().keySet());
        assertEquals(0.0, g.regularizationLoss(), "a frozen weight's penalty leaves the loss, as in Keras");

        Map<String, NdValue> base = baseWeights(head);
        NdValue headKernel = head.weight("head/kernel");
        head.fit(data(), TWO_EPOCHS);
        assertEquals(base, baseWeights(head), "the base, its moving statistics included, bit for bit");
        assertNotEquals(headKernel, head.weight("head/kernel"), "the head trained");

        Model unfrozen = frozen.withTrainable(true, BASE.toArray(String[]::new));
        assertEquals(model().spec(), unfrozen.spec(), "unfreezing gives the model back");
        try (CompiledModel tuned = head.recompile(unfrozen, config(1e-3))) {
          tuned.fit(data(), TWO_EPOCHS);
          Map<String, NdValue> after = baseWeights(tuned);
          for (String w : List.of("kernel", "bias", "base_bn/gamma", "base_bn/moving_mean", "base_bn/moving_variance")) {
            assertNotEquals(base.get(w), after.get(w), w + " trains again");
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void aFrozenBatchNormNormalisesWithItsMovingStatisticsInTraining(String backend) {
    try (CompiledModel trained = model().compile(Backend.named(backend), config(1e-2))) {
      trained.fit(data(), TWO_EPOCHS); // moving statistics away from 0 and 1
      try (CompiledModel m = trained.recompile(model().withTrainable(false, "base_bn"), config(1e-2))) {
        ForwardResult train = m.forward(data(), ForwardOptions.training().withLayerOutputs("base_bn"));
        ForwardResult infer = m.forward(data(), ForwardOptions.inference().withLayerOutputs("base_bn"));
        assertEquals(infer.layerOutput("base_bn"), train.layerOutput("base_bn"));
        try (CompiledModel live = trained.recompile(model(), config(1e-2))) {
          NdValue batchStats = live.forward(data(), ForwardOptions.training().withLayerOutputs("base_bn"))
              .layerOutput("base_bn");
          assertTrue(batchStats.maxAbsDifference(train.layerOutput("base_bn")) > 1e-3,
              "an unfrozen one uses the batch's statistics");
        }
      }
    }
  }

  @Test
  void summaryCountsFrozenWeightsAsNonTrainable() {
    // base 4·6 + 6 = 30, base_bn 4·6 = 24 (12 of them moving statistics), head 6·3 + 3 = 21
    String plain = model().summary();
    assertTrue(plain.contains(" Trainable params: 63 "), plain);
    assertTrue(plain.contains(" Non-trainable params: 12 "), plain);
    String frozen = model().withTrainable(false, "base", "base_bn").summary();
    assertTrue(frozen.contains(" Total params: 75 "), frozen);
    assertTrue(frozen.contains(" Trainable params: 21 "), frozen);
    assertTrue(frozen.contains(" Non-trainable params: 54 "), frozen);
  }

  @Test
  void aFrozenModelIsSavedAndLoadedFrozen(@TempDir Path dir) {
    Path file = dir.resolve("frozen.layerwise");
    Map<String, NdValue> base;
    try (CompiledModel m = model().withTrainable(false, "base").compile(Backend.named("reference"), config(1e-2))) {
      m.fit(data(), TWO_EPOCHS);
      base = m.weights("base");
      m.save(file);
    }
    try (CompiledModel loaded = CompiledModel.load(file, Backend.named("reference"))) {
      assertEquals(Sequential.class, loaded.model().getClass());
      assertEquals(List.of("base"), loaded.model().frozenLayers());
      loaded.fit(data(), TWO_EPOCHS);
      assertEquals(base, loaded.weights("base"), "still frozen after loading");
    }
  }

  @Test
  void freezingNamesLayersTheModelHas() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> model().withTrainable(false, "bass"));
    assertEquals("model 'tuned' has no layer 'bass'; its layers are [input_layer, base, base_bn, flatten, head]",
        unknown.getMessage());
    assertEquals(List.of("flatten"), model().withTrainable(false, "flatten").frozenLayers(),
        "a layer without weights may be frozen: nothing changes");
    assertEquals(model().spec().trainableWeightNames(),
        model().withTrainable(false, "flatten").spec().trainableWeightNames());
    try (CompiledModel m = model().compile(Backend.named("reference"), config(1e-2))) {
      IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> m.recompile(
          Sequential.of(Input.shape(4), Dense.units(3).withName("head")), config(1e-2)));
      assertTrue(other.getMessage().startsWith("recompile: model 'sequential' has the weights"), other.getMessage());
    }
  }
}
