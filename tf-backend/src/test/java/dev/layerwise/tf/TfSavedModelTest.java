package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.SavedModelExport;
import dev.layerwise.Sequential;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** {@link TfSavedModel}: calling signatures by key, refusing caller mistakes early, and concurrent callers. */
class TfSavedModelTest {
  private static final int FEATURES = 6;
  private static final int CLASSES = 4;
  private static final int THREADS = 8;
  private static final int CALLS_PER_THREAD = 1000;
  private static final int MAX_BATCH = 17;
  /** Distinct inputs the threads cycle through (each thread starting elsewhere). */
  private static final int CASES = 64;

  @TempDir static Path dir;
  private static Path exported;

  @BeforeAll
  static void export() {
    try (CompiledModel m = Sequential.of(Input.shape(2, 3), Flatten.create(),
            Dense.units(16).withActivation(ActivationFn.RELU), Dense.units(CLASSES)).withSeed(5)
        .compile(Backend.named("tensorflow"), Optimizer.sgd(0.1),
            Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      exported = m.exportSavedModel(SavedModelExport.to(dir).withClassSignatures(true));
    }
  }

  @AfterAll
  static void forget() {
    exported = null;
  }

  private static float[] input(int batch, long seed) {
    SeededRandom r = new SeededRandom(seed);
    float[] x = new float[batch * FEATURES];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  @Test
  void describesItsSignatures() {
    try (TfSavedModel served = TfSavedModel.load(exported)) {
      assertEquals(Set.of("class_ids", "probabilities", "serving_default"), served.signatureKeys());
      assertEquals(List.of("class_ids", "probabilities", "serving_default"), List.copyOf(served.signatureKeys()),
          "sorted");
      assertEquals(Set.of("logits"), served.outputNames("serving_default"));
      assertEquals("class_ids", served.signature("class_ids").key());
      assertEquals("serving_default", served.signature().key());
      assertEquals(FEATURES, served.featureSize());
      assertEquals(FEATURES, served.featureSize("class_ids"));
      assertArrayEquals(new long[] {-1, CLASSES}, served.outputShape("probabilities", "probabilities"));
      assertArrayEquals(new long[] {-1}, served.outputShape("class_ids", "class_ids"));
      assertTrue(served.toString().contains("serving_default"), served.toString());
    }
  }

  @Test
  void callerMistakesAreClearErrors() {
    float[] x = input(3, 1);
    try (TfSavedModel served = TfSavedModel.load(exported)) {
      assertMessage(() -> served.predict("serving", "logits", x, 3), "no signature 'serving'",
          "[class_ids, probabilities, serving_default]");
      assertMessage(() -> served.predict("serving_default", "output", x, 3), "no output 'output'", "[logits]");
      assertMessage(() -> served.outputShape("probabilities", "logits"), "no output 'logits'", "[probabilities]");
      assertMessage(() -> served.predict(x, 4), "needs 24 floats for 4 samples", "got 18");
      assertMessage(() -> served.predict(new float[17], 3), "needs 18 floats", "got 17");
      assertMessage(() -> served.predict(x, 0), "count must be positive", "got 0");
      assertMessage(() -> served.predict("class_ids", "class_ids", x, 3), "is DT_INT64", "predictInt64");
      assertMessage(() -> served.predictInt64("probabilities", "probabilities", x, 3), "is DT_FLOAT", "predict");
      assertMessage(() -> served.predictClassIds(new float[5], 1), "needs 6 floats", "got 5");
      // the model still works after all that
      assertEquals(3 * CLASSES, served.predict(x, 3).length);
      assertEquals(3, served.predictClassIds(x, 3).length);
    }
  }

  @Test
  void aClosedModelSaysSo() {
    TfSavedModel served = TfSavedModel.load(exported);
    served.close();
    served.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> served.predict(input(1, 1), 1));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
  }

  private static void assertMessage(Executable call, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
    }
  }

  /**
   * One loaded model, {@value #THREADS} threads × {@value #CALLS_PER_THREAD} calls on different inputs and batch
   * sizes, across all three signatures; every result equals the single-threaded one computed before.
   */
  @Test
  void servesConcurrentCallers() throws Exception {
    try (TfSavedModel served = TfSavedModel.load(exported)) {
      float[][] inputs = new float[CASES][];
      int[] batch = new int[CASES];
      float[][] logits = new float[CASES][];
      float[][] probabilities = new float[CASES][];
      long[][] classIds = new long[CASES][];
      for (int c = 0; c < CASES; c++) {
        batch[c] = 1 + c % MAX_BATCH;
        inputs[c] = input(batch[c], 100 + c);
        logits[c] = served.predict(inputs[c], batch[c]);
        probabilities[c] = served.predictProbabilities(inputs[c], batch[c]);
        classIds[c] = served.predictClassIds(inputs[c], batch[c]);
        assertEquals(batch[c] * CLASSES, logits[c].length);
        assertEquals(batch[c], classIds[c].length);
      }
      AtomicInteger wrong = new AtomicInteger();
      AtomicInteger calls = new AtomicInteger();
      List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          done.add(pool.submit(() -> {
            try {
              start.await();
              for (int i = 0; i < CALLS_PER_THREAD; i++) {
                int c = (thread * 7 + i * 13) % CASES;
                boolean ok = switch (i % 4) {
                  case 0, 1 -> java.util.Arrays.equals(logits[c], served.predict(inputs[c], batch[c]));
                  case 2 -> java.util.Arrays.equals(probabilities[c], served.predictProbabilities(inputs[c],
                      batch[c]));
                  default -> java.util.Arrays.equals(classIds[c], served.predictClassIds(inputs[c], batch[c]));
                };
                calls.incrementAndGet();
                if (!ok) {
                  wrong.incrementAndGet();
                }
              }
            } catch (Throwable e) {
              failures.add(e);
            }
          }));
        }
        start.countDown();
        for (Future<?> f : done) {
          f.get(10, TimeUnit.MINUTES);
        }
      } finally {
        pool.shutdownNow();
      }
      assertEquals(List.of(), failures, "exceptions in callers");
      assertEquals(0, wrong.get(), "wrong results");
      assertEquals(THREADS * CALLS_PER_THREAD, calls.get());
    }
  }

  @Test
  void loadsAnyFolderWithOnlyServingDefault() {
    Dataset data = dev.layerwise.testing.SyntheticData.regression(8, 3, 2, 1);
    try (CompiledModel m = Sequential.of(Input.shape(3), Dense.units(2)).withSeed(1).compile(
        Backend.named("tensorflow"), Optimizer.sgd(0.1), Loss.meanSquaredError())) {
      Path p = m.exportSavedModel(SavedModelExport.to(dir.resolve("regression")));
      try (TfSavedModel served = TfSavedModel.load(p)) {
        assertEquals(Set.of("serving_default"), served.signatureKeys());
        float[] x = new float[8 * 3];
        data.copyRange(0, 8, x, null);
        assertEquals(16, served.predict(x, 8).length);
        assertMessage(() -> served.predictProbabilities(x, 8), "no signature 'probabilities'", "[serving_default]");
      }
    }
  }
}
