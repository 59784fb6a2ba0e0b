package dev.layerwise.streaming;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.Sequential;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.IndexedSource;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.testing.InMemorySources;
import dev.layerwise.testing.SyntheticData;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The "must show" for streaming, on both backends: {@code fit} on an indexed source is {@code fit} on the
 * same data in memory — the same history and the same weights, bit for bit (same seed, same shuffling permutation,
 * same dropout masks) — including a run saved and resumed from the archive with {@code initialEpoch}; and
 * {@code evaluate} and {@code predict} on a source give exactly what they give on the dataset.
 */
class StreamedFitOnBothBackendsTest {
  @TempDir
  Path dir;

  private static final Dataset TRAIN = SyntheticData.classification(45, 4, 3, 21);
  private static final Dataset VAL = SyntheticData.classification(11, 4, 3, 22);

  private static CompiledModel model(String backend) {
    return Sequential.of(Input.shape(4), Dense.units(8).withActivation(ActivationFn.RELU), Dropout.rate(0.3),
        Dense.units(3)).withSeed(5).compile(Backend.named(backend), Optimizer.adam(0.02),
            Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY);
  }

  private static FitOptions.Builder options(int epochs) {
    return FitOptions.builder().epochs(epochs).batchSize(8).quiet();
  }

  private static void assertSameModel(CompiledModel expected, CompiledModel got, String backend) {
    expected.weights().forEach((name, v) -> assertEquals(v, got.weight(name), backend + " " + name));
  }

  private static void assertSameHistory(History expected, History got) {
    assertEquals(expected.keys(), got.keys());
    for (String key : expected.keys()) {
      assertArrayEquals(expected.get(key), got.get(key), key);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void aStreamedFitIsTheFitInMemoryBitForBit(String backend) {
    IndexedSource train = InMemorySources.indexed(TRAIN);
    try (CompiledModel inMemory = model(backend); CompiledModel streamed = model(backend)) {
      History expected = inMemory.fit(TRAIN, options(4).validationData(VAL).build());
      History got = streamed.fit(train, options(4).validationData(InMemorySources.indexed(VAL)).build());
      assertSameHistory(expected, got);
      assertSameModel(inMemory, streamed, backend);
      assertEquals(inMemory.evaluate(VAL, 4).values(), streamed.evaluate(InMemorySources.indexed(VAL), 4).values());
      assertArrayEquals(inMemory.predict(VAL, 4), streamed.predict(InMemorySources.indexed(VAL), 4));
      // the same again with another seed differs: the equality above is not two untrained models
      try (CompiledModel other = model(backend)) {
        History reseeded = other.fit(train, options(4).seed(99).build());
        assertNotEquals(expected.last("loss"), reseeded.last("loss"));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void aStreamedFitResumedFromTheArchiveContinuesExactly(String backend) {
    IndexedSource train = InMemorySources.indexed(TRAIN);
    Path saved = dir.resolve("half.lw");
    try (CompiledModel uninterrupted = model(backend); CompiledModel firstHalf = model(backend)) {
      History whole = uninterrupted.fit(TRAIN, options(4).build());
      firstHalf.fit(train, options(2).build());
      firstHalf.save(saved);
      try (CompiledModel resumed = CompiledModel.load(saved, Backend.named(backend))) {
        History secondHalf = resumed.fit(train, options(4).initialEpoch(2).build());
        assertArrayEquals(new double[] {whole.get("loss")[2], whole.get("loss")[3]}, secondHalf.get("loss"));
        assertSameModel(uninterrupted, resumed, backend);
      }
    }
  }
}
