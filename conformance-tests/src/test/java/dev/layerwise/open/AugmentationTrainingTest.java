package dev.layerwise.open;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.ForwardOptions;
import dev.layerwise.ForwardResult;
import dev.layerwise.NdValue;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.FlipMode;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.RandomContrast;
import dev.layerwise.layers.RandomCrop;
import dev.layerwise.layers.RandomFlip;
import dev.layerwise.layers.RandomTranslation;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Augmentation in training: the draws come from the seed in Java, so both backends augment a batch identically and
 * train to the same weights, and a fit resumed from an archive draws what an uninterrupted one draws.
 */
class AugmentationTrainingTest {
  private static final int N = 12;
  private static final Shape IMAGE = Shape.of(5, 5, 2);
  @TempDir Path dir;

  private static Sequential model() {
    return Sequential.of(Input.shape(5, 5, 2), RandomFlip.of(FlipMode.HORIZONTAL), RandomTranslation.of(0.3, 0.3),
        RandomCrop.of(4, 4).withPadding(1), RandomContrast.of(0.4).withValueRange(-10, 10), Flatten.create(),
        Dense.units(3)).withSeed(7);
  }

  private static Dataset data() {
    SplittableRandom r = new SplittableRandom(5);
    float[] x = new float[N * IMAGE.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextDouble(-1, 1);
    }
    int[] labels = new int[N];
    for (int i = 0; i < N; i++) {
      labels[i] = r.nextInt(3);
    }
    return Dataset.withClassLabels(x, IMAGE, labels);
  }

  private static TrainingConfig config() {
    return TrainingConfig.of(Optimizer.adam(0.01), Loss.sparseCategoricalCrossentropy().withFromLogits(true));
  }

  private static FitOptions.Builder options(int epochs) {
    return FitOptions.builder().epochs(epochs).batchSize(4).quiet();
  }

  @Test
  void bothBackendsDrawTheSameParametersAndAugmentAlike() {
    try (CompiledModel tf = model().compile(Backend.named("tensorflow"), config());
        CompiledModel ref = model().compile(Backend.named("reference"), config())) {
      ForwardResult a = tf.forward(data(), ForwardOptions.training());
      ForwardResult b = ref.forward(data(), ForwardOptions.training());
      assertEquals(a.dropoutMasks().keySet(), b.dropoutMasks().keySet());
      for (String layer : a.dropoutMasks().keySet()) {
        assertArrayEquals(a.dropoutMasks().get(layer).toFloatArray(), b.dropoutMasks().get(layer).toFloatArray(), 0f,
            layer + ": the same draws");
      }
      float[] flags = a.dropoutMasks().get("random_flip").toFloatArray();
      double flipped = 0;
      for (float f : flags) {
        flipped += f;
      }
      assertTrue(flipped > 0 && flipped < N, "some samples flip, some do not: " + flipped);
      assertTrue(a.output().allClose(b.output(), 1e-4, 1e-4), "the same augmented outputs");

      tf.fit(data(), options(3).build());
      ref.fit(data(), options(3).build());
      assertTrue(tf.weight("dense/kernel").allClose(ref.weight("dense/kernel"), 1e-4, 1e-4),
          "trained alike on augmented batches");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void aResumedFitDrawsWhatAnUninterruptedOneDraws(String backend) {
    Path saved = dir.resolve("after2.layerwise");
    try (CompiledModel whole = model().compile(Backend.named(backend), config())) {
      whole.fit(data(), options(4).build());
      try (CompiledModel first = model().compile(Backend.named(backend), config())) {
        first.fit(data(), options(2).build());
        assertFalse(first.weights().equals(whole.weights()), "half the training is not all of it");
        first.save(saved);
      }
      try (CompiledModel resumed = CompiledModel.load(saved, Backend.named(backend))) {
        resumed.fit(data(), options(4).initialEpoch(2).build());
        Map<String, NdValue> expected = whole.weights();
        assertEquals(expected, resumed.weights(), "the same weights, bit for bit");
      }
    }
  }
}
