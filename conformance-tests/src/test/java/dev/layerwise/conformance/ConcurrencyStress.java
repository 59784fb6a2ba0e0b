package dev.layerwise.conformance;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitCallback;
import dev.layerwise.FitOptions;
import dev.layerwise.SavedModelExport;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.tf.TfSavedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * The child JVM of {@link ConcurrencyStressTest}: what crashed the JVM before (many threads predicting on one
 * model with mixed batch sizes) plus the lifecycle conflicts, on both backends, in a process of its own so that a
 * native crash is an exit code, not a dead test run. Each line of stdout is one finding; the exit code is 0 only if
 * every check held.
 *
 * <p>{@code ConcurrencyStress ROUNDS THREADS PREDICTS}: per backend and round a freshly compiled model, its
 * expected outputs computed on one thread, then THREADS threads × PREDICTS calls (every tenth an evaluate) over
 * datasets of 1–24 samples at batch sizes whose remainders make the backend see far more distinct sizes than the TF
 * feed pool keeps; every result must equal the single-threaded one bit for bit.
 */
public final class ConcurrencyStress {
  private static final int FEATURES = 12;
  private static final int CLASSES = 5;
  private static final int CASES = 24;
  private static final int[] BATCH_SIZES = {3, 5, 7, 8, 13, 16, 31, 32};
  private static final Loss LOSS = Loss.sparseCategoricalCrossentropy().withFromLogits(true);

  private ConcurrencyStress() {}

  private record Case(Dataset data, int batchSize, float[] outputs, double loss) {}

  private static int failures;

  private static void check(boolean ok, String finding) {
    System.out.println((ok ? "ok: " : "FAILED: ") + finding);
    if (!ok) {
      failures++;
    }
  }

  private static CompiledModel compile(String backend, long seed) {
    return Sequential.of(Input.shape(FEATURES), Dense.units(32).withActivation(ActivationFn.RELU),
            BatchNormalization.create(), Dropout.rate(0.25), Dense.units(CLASSES))
        .withName("stress").withSeed(seed).compile(Backend.named(backend), Optimizer.adam(1e-3), LOSS);
  }

  private static float[] features(int n, long seed) {
    SeededRandom r = new SeededRandom(seed);
    float[] x = new float[n * FEATURES];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  private static Dataset data(int n, long seed) {
    float[] x = features(n, seed);
    SeededRandom r = new SeededRandom(~seed);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = r.nextInt(CLASSES);
    }
    return Dataset.withClassLabels(x, Shape.of(FEATURES), labels);
  }

  /** Runs {@code body(thread)} on {@code threads} threads started together; returns what they threw. */
  private static List<Throwable> together(int threads, IntFunction<Runnable> body) throws InterruptedException {
    List<Throwable> thrown = java.util.Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Runnable r = body.apply(t);
      Thread thread = new Thread(() -> {
        try {
          start.await();
          r.run();
        } catch (Throwable e) {
          thrown.add(e);
        }
      }, "stress-" + t);
      all.add(thread);
      thread.start();
    }
    start.countDown();
    for (Thread t : all) {
      t.join();
    }
    return thrown;
  }

  /** Rounds of concurrent predicts and evaluates on fresh models, checked against one thread's results. */
  private static void predicts(String backend, int rounds, int threads, int calls) throws InterruptedException {
    AtomicLong mismatches = new AtomicLong();
    AtomicLong done = new AtomicLong();
    List<Throwable> errors = new ArrayList<>();
    long start = System.nanoTime();
    for (int round = 0; round < rounds; round++) {
      try (CompiledModel m = compile(backend, round)) {
        m.fit(data(64, 1000 + round), FitOptions.builder().batchSize(16).quiet().build()); // moves BN statistics
        Case[] cases = new Case[CASES];
        for (int c = 0; c < CASES; c++) {
          Dataset d = data(1 + (c * 17 + round) % 24, round * 100L + c);
          int batch = BATCH_SIZES[(c + round) % BATCH_SIZES.length];
          cases[c] = new Case(d, batch, m.predict(d, batch), m.evaluate(d, batch).loss());
        }
        errors.addAll(together(threads, t -> () -> {
          for (int i = 0; i < calls; i++) {
            Case c = cases[(t * 7 + i * 13) % CASES];
            boolean same = i % 10 == 9 ? m.evaluate(c.data(), c.batchSize()).loss() == c.loss()
                : Arrays.equals(c.outputs(), m.predict(c.data(), c.batchSize()));
            if (!same) {
              mismatches.incrementAndGet();
            }
            done.incrementAndGet();
          }
        }));
      }
    }
    check(errors.isEmpty() && mismatches.get() == 0 && done.get() == (long) rounds * threads * calls,
        String.format("%s: %d rounds x %d threads x %d calls = %d predict/evaluate calls, %d mismatches, %d errors"
            + " (%.1f s)%s", backend, rounds, threads, calls, done.get(), mismatches.get(), errors.size(),
            (System.nanoTime() - start) / 1e9, errors.isEmpty() ? "" : ", first: " + errors.get(0)));
  }

  /** A second fit, a predict and a setWeights while fit runs on another thread: each refused, naming it. */
  private static void fitIsExclusive(String backend) throws InterruptedException {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Dataset train = data(64, 7);
    try (CompiledModel m = compile(backend, 7)) {
      Thread trainer = new Thread(() -> m.fit(train, FitOptions.builder().batchSize(16).callbacks(
          new FitCallback() {
            @Override
            public void onEpochBegin(int epoch, int epochs) {
              inside.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }).build()), "trainer");
      trainer.start();
      inside.await(60, TimeUnit.SECONDS);
      String expected = "model 'stress' is busy with fit on thread 'trainer'";
      List<String> refused = new ArrayList<>();
      for (Runnable call : List.<Runnable>of(() -> m.fit(train, 1, 16), () -> m.predict(train),
          () -> m.setWeights(java.util.Map.of()))) {
        try {
          call.run();
          refused.add("NOT REFUSED");
        } catch (IllegalStateException e) {
          refused.add(e.getMessage().contains(expected) ? e.getMessage().substring(0, e.getMessage().indexOf(';'))
              : "WRONG MESSAGE " + e.getMessage());
        }
      }
      release.countDown();
      trainer.join();
      check(refused.stream().allMatch(s -> s.contains(expected)), backend + ": while fit runs, " + refused);
    }
  }

  /**
   * Threads predicting in a loop while the model is closed: every call either returns the right result or is
   * refused with "closed"; after close returns, every thread's next call is refused.
   */
  private static void closeUnderLoad(String what, int threads, IntFunction<float[]> call, float[] expected,
      Runnable close) throws InterruptedException {
    AtomicLong served = new AtomicLong();
    AtomicLong wrong = new AtomicLong();
    CountDownLatch warm = new CountDownLatch(threads);
    boolean[] closed = {false};
    List<Throwable> unexpected = new ArrayList<>();
    Thread closer = new Thread(() -> {
      try {
        warm.await();
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
      close.run();
      synchronized (closed) {
        closed[0] = true;
      }
    }, "closer");
    closer.start();
    List<Throwable> thrown = together(threads, t -> () -> {
      for (int i = 0; ; i++) {
        if (i == 20) {
          warm.countDown();
        }
        try {
          if (!Arrays.equals(expected, call.apply(t))) {
            wrong.incrementAndGet();
          }
          served.incrementAndGet();
        } catch (IllegalStateException e) {
          if (!e.getMessage().contains("closed")) {
            throw e;
          }
          synchronized (closed) {
            if (closed[0]) {
              return; // refused after close: the expected end
            }
          }
        }
      }
    });
    closer.join();
    unexpected.addAll(thrown);
    check(unexpected.isEmpty() && wrong.get() == 0 && served.get() >= threads * 20L, String.format("%s: closed"
        + " under %d predicting threads after %d calls: %d wrong, %d unexpected errors%s", what, threads,
        served.get(), wrong.get(), unexpected.size(), unexpected.isEmpty() ? "" : ", first: " + unexpected.get(0)));
  }

  private static void closeUnderLoad(String backend, int threads) throws InterruptedException {
    CompiledModel m = compile(backend, 3);
    Dataset d = data(37, 3);
    float[] expected = m.predict(d, 8);
    closeUnderLoad(backend + " CompiledModel", threads, t -> m.predict(d, 8), expected, m::close);
  }

  private static void savedModelCloseUnderLoad(int threads) throws Exception {
    Path dir = Files.createTempDirectory("stress-savedmodel");
    try {
      Path version;
      try (CompiledModel m = compile("tensorflow", 4)) {
        version = m.exportSavedModel(SavedModelExport.to(dir));
      }
      TfSavedModel served = TfSavedModel.load(version);
      float[] x = features(9, 4);
      float[] expected = served.predict(x, 9);
      closeUnderLoad("TfSavedModel", threads, t -> served.predict(x, 9), expected, served::close);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    int threads = Integer.parseInt(args[1]);
    int calls = Integer.parseInt(args[2]);
    for (String backend : List.of("tensorflow", "reference")) {
      predicts(backend, rounds, threads, calls);
      fitIsExclusive(backend);
      closeUnderLoad(backend, threads);
    }
    savedModelCloseUnderLoad(threads);
    System.out.println(failures == 0 ? "all checks held" : failures + " check(s) FAILED");
    System.exit(failures == 0 ? 0 : 1);
  }
}
