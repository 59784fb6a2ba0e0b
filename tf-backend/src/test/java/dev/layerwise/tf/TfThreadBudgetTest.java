package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.SavedModelExport;
import dev.layerwise.ThreadBudget;
import dev.layerwise.data.Dataset;
import dev.layerwise.spi.TensorValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.ConfigProto;

/**
 * Per-model thread budgets ({@code Backend.withThreads}): what reaches the session options, what is refused, and
 * that a budget changes no result. Timings are in {@link ThreadBudgetBench}, not here.
 */
class TfThreadBudgetTest {
  private static final int FEATURES = 32;
  private static final int HIDDEN = 24;

  private static ConfigProto sessionConfig(CompiledModel m) {
    return ((TfModel<?>) m.backendModel()).resources().sessionConfig;
  }

  private static Map<String, TensorValue> trained(Backend backend) {
    try (CompiledModel m = ThreadBudgetMlp.compile(backend, FEATURES, HIDDEN)) {
      m.fit(ThreadBudgetMlp.data(256, FEATURES), ThreadBudgetMlp.options(2, 32));
      return m.backendModel().weights();
    }
  }

  @Test
  void theBudgetReachesTheSessionWithItsOwnInterOpPool() {
    Backend tf = Backend.named("tensorflow");
    Backend budgeted = tf.withThreads(1, 2);
    assertEquals(Optional.of(new ThreadBudget(1, 2)), budgeted.threads());
    assertEquals(Optional.empty(), tf.threads(), "withThreads must not change the backend it is called on");
    try (CompiledModel m = ThreadBudgetMlp.compile(budgeted, FEATURES, HIDDEN);
        CompiledModel d = ThreadBudgetMlp.compile(tf, FEATURES, HIDDEN)) {
      ConfigProto c = sessionConfig(m);
      assertEquals(1, c.getIntraOpParallelismThreads());
      assertEquals(2, c.getInterOpParallelismThreads());
      assertTrue(c.getUsePerSessionThreads(), "without it the inter-op count of a later session is ignored");
      ConfigProto dc = sessionConfig(d);
      TfThreads jvm = TfThreads.configured();
      assertEquals(jvm.intraOp(), dc.getIntraOpParallelismThreads());
      assertEquals(jvm.interOp(), dc.getInterOpParallelismThreads());
      assertFalse(dc.getUsePerSessionThreads());
      assertEquals(budgeted, m.backend(), "copies, reloads and exports go through the model's backend");
    }
  }

  @Test
  void aReloadedModelAndItsSavedModelExportKeepTheBudget(@TempDir Path dir) {
    Backend budgeted = Backend.named("tensorflow").withThreads(1);
    assertEquals(ThreadBudget.of(1), ((TfSavedModelExporter) budgeted.savedModelExporter()).threads());
    assertNull(((TfSavedModelExporter) Backend.named("tensorflow").savedModelExporter()).threads());
    try (CompiledModel m = ThreadBudgetMlp.compile(budgeted, FEATURES, HIDDEN)) {
      m.save(dir.resolve("m.layerwise"));
      try (CompiledModel back = CompiledModel.load(dir.resolve("m.layerwise"), budgeted)) {
        assertEquals(1, sessionConfig(back).getIntraOpParallelismThreads());
        assertTrue(sessionConfig(back).getUsePerSessionThreads());
      }
      Path exported = m.exportSavedModel(SavedModelExport.to(dir.resolve("saved")));
      float[] x = new float[FEATURES];
      x[3] = 1f;
      try (TfSavedModel one = TfSavedModel.load(exported, ThreadBudget.of(1));
          TfSavedModel plain = TfSavedModel.load(exported)) {
        assertArrayEquals(plain.predict(x, 1), one.predict(x, 1));
      }
    }
  }

  @Test
  void badBudgetsAreRefusedBeforeAnyNativeCall() {
    Backend tf = Backend.named("tensorflow");
    assertEquals("thread budget: intra-op threads must be between 1 and 1024, got 0 (to let the backend choose, do"
        + " not set a budget)", assertThrows(IllegalArgumentException.class, () -> tf.withThreads(0)).getMessage());
    assertEquals("thread budget: intra-op threads must be between 1 and 1024, got -2",
        assertThrows(IllegalArgumentException.class, () -> tf.withThreads(-2)).getMessage());
    assertEquals("thread budget: inter-op threads must be between 1 and 1024, got 1025",
        assertThrows(IllegalArgumentException.class, () -> tf.withThreads(4, 1025)).getMessage());
    assertThrows(NullPointerException.class, () -> tf.withThreads((ThreadBudget) null));
  }

  /**
   * In one JVM the intra-op pool is shared (unless TF_OVERRIDE_GLOBAL_THREADPOOL), so budgets 1 and 2 differ here in
   * their inter-op pools only; an MLP step is a chain of ops, and the result is bit-exact. Intra-op 1 vs 2 with
   * per-session pools is measured by {@link ThreadBudgetBench} (see docs/performance.md).
   */
  @Test
  void aBudgetedModelTrainsToTheSameWeightsBitForBit() {
    Map<String, TensorValue> plain = trained(Backend.named("tensorflow"));
    assertEquals(plain, trained(Backend.named("tensorflow").withThreads(1)));
    assertEquals(plain, trained(Backend.named("tensorflow").withThreads(2)));
  }

  @Test
  void twoModelsWithDifferentBudgetsTrainSideBySide() throws InterruptedException {
    Dataset data = ThreadBudgetMlp.data(512, FEATURES);
    try (CompiledModel one = ThreadBudgetMlp.compile(Backend.named("tensorflow").withThreads(1), FEATURES, HIDDEN);
        CompiledModel two = ThreadBudgetMlp.compile(Backend.named("tensorflow").withThreads(2, 1), FEATURES,
            HIDDEN)) {
      assertEquals(2, sessionConfig(two).getIntraOpParallelismThreads());
      assertEquals(1, sessionConfig(one).getIntraOpParallelismThreads());
      List<Throwable> failed = Collections.synchronizedList(new ArrayList<>());
      double[] loss = new double[2];
      List<Thread> threads = new ArrayList<>();
      List<CompiledModel> models = List.of(one, two);
      for (int i = 0; i < 2; i++) {
        int k = i;
        threads.add(new Thread(() -> {
          try {
            loss[k] = models.get(k).fit(data, ThreadBudgetMlp.options(3, 32)).last("loss");
          } catch (Throwable e) {
            failed.add(e);
          }
        }));
      }
      threads.forEach(Thread::start);
      for (Thread t : threads) {
        t.join();
      }
      assertEquals(List.of(), failed);
      assertTrue(Double.isFinite(loss[0]) && loss[0] < Math.log(10), "loss " + loss[0]);
      assertEquals(loss[0], loss[1], "same seed, same data, same result whatever the budget and the neighbour");
      assertEquals(one.backendModel().weights(), two.backendModel().weights());
    }
  }
}
