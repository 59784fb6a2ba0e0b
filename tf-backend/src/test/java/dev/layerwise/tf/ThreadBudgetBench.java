package dev.layerwise.tf;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.tensorflow.TensorFlow;

/**
 * Measures per-model thread budgets (a main, not a unit test: timings on a shared machine are not assertions).
 * Each run is one fresh JVM, because TensorFlow's shared pools are sized by the first session of the process:
 *
 * <pre>
 * java -cp ... dev.layerwise.tf.ThreadBudgetBench alone 1      # one model, Backend.withThreads(1)
 * java -cp ... dev.layerwise.tf.ThreadBudgetBench pair 1       # two models trained at once, each withThreads(1)
 * java -cp ... dev.layerwise.tf.ThreadBudgetBench pair default # the same on the JVM-wide pools
 * </pre>
 *
 * The 784-256-256-10 MLP, batch 256, {@value #STEPS} timed steps after one warm-up epoch. Prints the process's
 * thread count ({@code /proc/self/task}: TF's pools are native threads) before TF loads, after it loads, once the
 * sessions exist, after training, and after the models are closed.
 */
public final class ThreadBudgetBench {
  static final int FEATURES = 784;
  static final int HIDDEN = 256;
  static final int BATCH = 256;
  static final int STEPS = 600;

  private ThreadBudgetBench() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String budget = args[1];
    int models = mode.equals("pair") ? 2 : 1;
    int start = ThreadBudgetMlp.processThreads();
    String tf = TensorFlow.version();
    int loaded = ThreadBudgetMlp.processThreads();
    Backend backend = budget.equals("default") ? Backend.named("tensorflow")
        : Backend.named("tensorflow").withThreads(Integer.parseInt(budget));
    Dataset warm = ThreadBudgetMlp.data(BATCH * 4, FEATURES);
    Dataset data = ThreadBudgetMlp.data(BATCH * STEPS / 4, FEATURES);
    List<CompiledModel> ms = new ArrayList<>();
    for (int i = 0; i < models; i++) {
      ms.add(ThreadBudgetMlp.compile(backend, FEATURES, HIDDEN));
    }
    int sessions = ThreadBudgetMlp.processThreads();
    for (CompiledModel m : ms) {
      m.fit(warm, ThreadBudgetMlp.options(1, BATCH));
    }
    int warmed = ThreadBudgetMlp.processThreads();
    double[] seconds = new double[models];
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failed = new ArrayList<>();
    for (int i = 0; i < models; i++) {
      int k = i;
      Thread t = new Thread(() -> {
        try {
          go.await();
          long t0 = System.nanoTime();
          ms.get(k).fit(data, ThreadBudgetMlp.options(4, BATCH));
          seconds[k] = (System.nanoTime() - t0) / 1e9;
        } catch (Throwable e) {
          synchronized (failed) {
            failed.add(e);
          }
        }
      });
      t.start();
      threads.add(t);
    }
    long wall0 = System.nanoTime();
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    double wall = (System.nanoTime() - wall0) / 1e9;
    if (!failed.isEmpty()) {
      throw new IllegalStateException("training failed", failed.get(0));
    }
    int trained = ThreadBudgetMlp.processThreads();
    ms.forEach(CompiledModel::close);
    System.gc();
    Thread.sleep(200);
    int closed = ThreadBudgetMlp.processThreads();
    String override = String.valueOf(System.getenv(TfSessions.OVERRIDE_GLOBAL_THREADPOOL));
    StringBuilder per = new StringBuilder();
    for (double s : seconds) {
      per.append(String.format(Locale.ROOT, " %.2fs (%.1f ms/step)", s, 1000 * s / STEPS));
    }
    System.out.printf(Locale.ROOT, "%s budget=%s TF_OVERRIDE_GLOBAL_THREADPOOL=%s cores=%d TF %s | wall %.2fs,"
            + " per model%s | threads: start %d, TF loaded %d, sessions open %d, warmed %d, trained %d, closed %d%n",
        mode, budget, override, Runtime.getRuntime().availableProcessors(), tf, wall, per, start, loaded, sessions,
        warmed, trained, closed);
  }
}
