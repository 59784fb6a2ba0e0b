package dev.layerwise.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.CompiledModel;
import dev.layerwise.EpochLogs;
import dev.layerwise.FitCallback;
import dev.layerwise.FitOptions;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.DataSourceException;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.IndexedSource;
import dev.layerwise.data.ShardedSource;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.testing.FakeBackend;
import dev.layerwise.testing.FakeBackend.Call;
import dev.layerwise.testing.InMemorySources;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code fit}, {@code evaluate} and {@code predict} on a {@link dev.layerwise.data.DataSource}, checked on the
 * batches a backend that records them receives: an indexed source gives exactly the batches of the same data in
 * memory; a sharded one every sample once per epoch in a seeded order; the read-ahead thread never outlives the call.
 */
class DataSourceFitTest {
  /** Samples with ids {@code 0 .. n-1} as their first feature, label id mod 3. */
  private static Dataset ids(int n) {
    float[] x = new float[2 * n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = i;
      x[2 * i + 1] = -i;
      labels[i] = i % 3;
    }
    return Dataset.withClassLabels(x, Shape.of(2), labels);
  }

  private static CompiledModel model(FakeBackend fake) {
    return Sequential.of(Input.shape(2), Dense.units(3)).withSeed(3).compile(fake, Optimizer.sgd(0.1),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true));
  }

  private static FitOptions.Builder quiet(int epochs, int batchSize) {
    return FitOptions.builder().epochs(epochs).batchSize(batchSize).quiet();
  }

  /** The ids of the samples of each call of a method, call after call. */
  private static List<Integer> ids(FakeBackend fake, String method) {
    List<Integer> out = new ArrayList<>();
    for (Call c : fake.onlyModel().calls(method)) {
      for (int i = 0; i < c.size(); i++) {
        out.add((int) c.feature(i, 0));
      }
    }
    return out;
  }

  private static long readerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith(ReadAhead.THREAD_PREFIX)).count();
  }

  @Test
  void anIndexedSourceGivesTheBackendExactlyTheBatchesOfTheDatasetInMemory() {
    Dataset data = ids(23);
    Dataset val = ids(7);
    FakeBackend inMemory = new FakeBackend();
    FakeBackend streamed = new FakeBackend();
    List<Integer> readSizes = new ArrayList<>();
    IndexedSource source = InMemorySources.indexed("ids", 23, samples -> {
      readSizes.add(samples.length);
      return InMemorySources.rows(data, samples);
    });
    Map<Integer, Double> classWeight = Map.of(0, 2.0, 2, 0.5);
    try (CompiledModel a = model(inMemory); CompiledModel b = model(streamed)) {
      a.fit(data, quiet(3, 5).classWeight(classWeight).validationData(val).build());
      b.fit(source, quiet(3, 5).classWeight(classWeight).validationData(InMemorySources.indexed(val)).build());
      a.evaluate(data, 4);
      b.evaluate(source, 4);
      a.predict(data, 6);
      b.predict(source, 6);
    }
    List<Call> expected = inMemory.onlyModel().calls();
    List<Call> got = streamed.onlyModel().calls();
    assertEquals(expected.size(), got.size());
    for (int k = 0; k < expected.size(); k++) {
      Call e = expected.get(k);
      Call g = got.get(k);
      String which = "call " + k + " (" + e.method() + ")";
      assertEquals(e.method(), g.method(), which);
      assertEquals(e.size(), g.size(), which);
      if (e.x() != null) {
        assertArrayEquals(Arrays.copyOf(e.x(), e.size() * 2), Arrays.copyOf(g.x(), g.size() * 2), which);
      }
      if (e.y() != null) {
        assertArrayEquals(Arrays.copyOf(e.y(), e.size()), Arrays.copyOf(g.y(), g.size()), which);
      }
      assertArrayEquals(e.sampleWeights(), g.sampleWeights(), which);
      assertEquals(e.step(), g.step(), which);
    }
    assertTrue(ids(streamed, "trainStep").subList(0, 23).stream().sorted().toList()
        .equals(IntStream.range(0, 23).boxed().toList()), "one epoch visits every sample once");
    assertNotEquals(IntStream.range(0, 23).boxed().toList(), ids(streamed, "trainStep").subList(0, 23),
        "shuffled");
    assertTrue(readSizes.stream().allMatch(n -> n <= 6), "each read is one batch, never the whole set: "
        + readSizes);
    assertEquals(0, readerThreads());
  }

  /** The ids of each epoch's training samples, epoch after epoch. */
  private static List<List<Integer>> epochs(ShardedSource source, FitOptions options) {
    FakeBackend fake = new FakeBackend();
    try (CompiledModel m = model(fake)) {
      m.fit(source, options);
    }
    List<Integer> all = ids(fake, "trainStep");
    List<List<Integer>> out = new ArrayList<>();
    for (int from = 0; from < all.size(); from += source.size()) {
      out.add(all.subList(from, from + source.size()));
    }
    return out;
  }

  @Test
  void aShardedSourceVisitsEverySampleOncePerEpochInASeededOrder() {
    ShardedSource source = InMemorySources.sharded(ids(50), 7, 10);
    List<List<Integer>> first = epochs(source, quiet(3, 8).seed(1).build());
    List<Integer> all = IntStream.range(0, 50).boxed().toList();
    assertEquals(3, first.size());
    for (List<Integer> epoch : first) {
      assertEquals(all, epoch.stream().sorted().toList(), "every sample exactly once: " + epoch);
      assertNotEquals(all, epoch, "shuffled");
    }
    assertNotEquals(first.get(0), first.get(1), "a new order every epoch");
    assertEquals(first, epochs(source, quiet(3, 8).seed(1).build()), "the same seed, the same order");
    assertNotEquals(first, epochs(source, quiet(3, 8).seed(2).build()), "another seed, another order");
    assertEquals(List.of(all), epochs(source, quiet(1, 8).shuffle(false).build()), "unshuffled: in order");
    assertEquals(0, readerThreads());
  }

  @Test
  void aBufferOfOneShufflesTheShardsOnly() {
    List<Integer> epoch = epochs(InMemorySources.sharded(ids(50), 7, 1), quiet(1, 8).seed(4).build()).get(0);
    List<Integer> shardStarts = new ArrayList<>();
    for (int r = 0; r < 50; r++) {
      int id = epoch.get(r);
      if (id % 7 == 0) {
        shardStarts.add(id);
      } else {
        assertEquals(id - 1, epoch.get(r - 1), "within a shard the samples keep their order: " + epoch);
      }
    }
    assertNotEquals(List.of(0, 7, 14, 21, 28, 35, 42, 49), shardStarts.subList(0, shardStarts.size()),
        "the shards come in a shuffled order");
  }

  @Test
  void aSourceThatFailsMidEpochStopsFitNamingTheSamplesAndLeavesNoThread() {
    Dataset data = ids(20);
    UncheckedIOException disk = new UncheckedIOException("disk gone", new java.io.IOException("EIO"));
    AtomicInteger reads = new AtomicInteger();
    IndexedSource failing = InMemorySources.indexed("flaky disk", 20, samples -> {
      if (reads.incrementAndGet() == 3) {
        throw disk;
      }
      return InMemorySources.rows(data, samples);
    });
    FakeBackend fake = new FakeBackend();
    try (CompiledModel m = model(fake)) {
      DataSourceException e = assertThrows(DataSourceException.class, () -> m.fit(failing, quiet(2, 4).build()));
      assertSame(disk, e.getCause());
      assertTrue(e.getMessage().startsWith("fit on flaky disk, samples ["), e.getMessage());
      assertTrue(e.getMessage().contains("disk gone"), e.getMessage());
      assertEquals(2, fake.onlyModel().calls("trainStep").size(), "the two batches read before it trained");
      assertEquals(2, m.iterations());
    }
    assertEquals(0, readerThreads());
  }

  @Test
  void aCallbackStoppingTrainingEndsTheReader() {
    FitCallback stopAfterFirst = new FitCallback() {
      private boolean stop;

      @Override
      public void onEpochEnd(EpochLogs logs) {
        stop = true;
      }

      @Override
      public boolean stopTraining() {
        return stop;
      }
    };
    FakeBackend fake = new FakeBackend();
    try (CompiledModel m = model(fake)) {
      var history = m.fit(InMemorySources.sharded(ids(40), 5, 8), quiet(5, 4).callbacks(stopAfterFirst).build());
      assertEquals(1, history.epochCount());
    }
    assertEquals(10, fake.onlyModel().calls("trainStep").size());
    assertEquals(0, readerThreads());
  }

  @Test
  void interruptingAStreamedFitCancelsItAndEndsTheReader() {
    FitCallback interrupt = new FitCallback() {
      @Override
      public void onBatchEnd(dev.layerwise.BatchLogs logs) {
        Thread.currentThread().interrupt();
      }
    };
    try (CompiledModel m = model(new FakeBackend())) {
      assertThrows(dev.layerwise.FitCancelledException.class, () -> m.fit(InMemorySources.indexed(ids(40)),
          quiet(2, 4).callbacks(interrupt).build()));
      assertTrue(Thread.interrupted(), "the flag stays set (and is cleared here)");
    }
    assertEquals(0, readerThreads());
  }

  @Test
  void badSourcesAreRefusedWithTheReason() {
    FakeBackend fake = new FakeBackend();
    try (CompiledModel m = model(fake)) {
      IndexedSource empty = InMemorySources.indexed("an empty folder", 0, samples -> {
        throw new AssertionError("never read");
      });
      var e = assertThrows(IllegalArgumentException.class, () -> m.fit(empty, quiet(1, 4).build()));
      assertEquals("fit: an empty folder holds no samples (size 0); at least one is needed", e.getMessage());

      IndexedSource source = InMemorySources.indexed(ids(10));
      e = assertThrows(IllegalArgumentException.class, () -> m.fit(source, quiet(1, 4).validationSplit(0.2)
          .build()));
      assertTrue(e.getMessage().startsWith("fit: validationSplit 0.2 holds out the last samples of data in memory;"
          + " test source of 10 samples is a DataSource"), e.getMessage());
      assertTrue(e.getMessage().contains("pass validationData"), e.getMessage());

      Dataset wide = Dataset.withClassLabels(new float[30], Shape.of(3), new int[10]);
      e = assertThrows(IllegalArgumentException.class, () -> m.fit(source, quiet(1, 4)
          .validationData(InMemorySources.indexed(wide)).build()));
      assertTrue(e.getMessage().startsWith("fit validationData on test source of 10 samples, sample 0: the model's"
          + " Input"), e.getMessage());
      assertTrue(e.getMessage().contains("expects samples of shape [2]"), e.getMessage());
      e = assertThrows(IllegalArgumentException.class, () -> m.fit(source, quiet(1, 4).classWeight(Map.of(5, 2.0))
          .build()));
      assertTrue(e.getMessage().startsWith("fit on test source of 10 samples, samples [")
          && e.getMessage().contains(": classWeight names class 5, but model"), e.getMessage());
      assertEquals(0, fake.onlyModel().calls("trainStep").size(), "refused before any step");
    }
    assertEquals(0, readerThreads());
  }

  @Test
  void aSourceReturningTheWrongNumberOfSamplesIsNamed() {
    Dataset data = ids(10);
    IndexedSource shortReads = InMemorySources.indexed("short reads", 10,
        samples -> InMemorySources.rows(data, Arrays.copyOf(samples, 1)));
    try (CompiledModel m = model(new FakeBackend())) {
      var e = assertThrows(DataSourceException.class, () -> m.evaluate(shortReads, 4));
      assertEquals("evaluate on short reads, samples [0, 1, 2, 3]: the source returned 1 samples, expected 4",
          e.getMessage());
    }
  }
}
