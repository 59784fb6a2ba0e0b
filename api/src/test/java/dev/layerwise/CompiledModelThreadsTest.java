package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.data.Dataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.testing.FakeBackend;
import dev.layerwise.testing.SyntheticData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The concurrency contract of {@link CompiledModel} on a backend that does no maths, so that each test can hold a
 * call in flight exactly where it wants (a blocked {@code predict}, a fit paused in a callback) and try the others.
 */
class CompiledModelThreadsTest {
  private static final Loss LOGITS = Loss.sparseCategoricalCrossentropy().withFromLogits(true);
  private static final Dataset DATA = SyntheticData.classification(24, 6, 3, 1);
  private static final long WAIT = 20;

  @TempDir Path dir;
  private final List<Thread> started = new ArrayList<>();

  @AfterEach
  void joinThreads() throws InterruptedException {
    for (Thread t : started) {
      t.join(TimeUnit.SECONDS.toMillis(WAIT));
      assertFalse(t.isAlive(), t.getName() + " still running");
    }
  }

  private static CompiledModel compile(FakeBackend fake) {
    return Sequential.of(Input.shape(6), Dense.units(8).withActivation(ActivationFn.TANH), Dense.units(3))
        .withSeed(42).compile(fake, Optimizer.sgd(0.1), LOGITS);
  }

  /** Starts a named thread that records what its body threw. */
  private Thread start(String name, AtomicReference<Throwable> thrown, Executable body) {
    Thread t = new Thread(() -> {
      try {
        body.execute();
      } catch (Throwable e) {
        thrown.set(e);
      }
    }, name);
    started.add(t);
    t.start();
    return t;
  }

  /** A predict that blocks inside the backend until {@code release} opens, after opening {@code inside}. */
  private static FakeBackend blockingPredict(CountDownLatch inside, CountDownLatch release) {
    return new FakeBackend().outputs((call, size) -> {
      if (call.method().equals("predict")) {
        inside.countDown();
        await(release);
      }
      return new float[call.size() * size];
    });
  }

  /** A quiet one-epoch fit whose callback runs {@code atEpochBegin} on the fitting thread. */
  private static FitOptions fitWith(int epochs, Consumer<Integer> atEpochBegin) {
    return FitOptions.builder().epochs(epochs).batchSize(8).callbacks(new FitCallback() {
      @Override
      public void onEpochBegin(int epoch, int total) {
        atEpochBegin.accept(epoch);
      }
    }).build();
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(WAIT, TimeUnit.SECONDS), "timed out");
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertRefused(Executable call, String... fragments) {
    IllegalStateException e = assertThrows(IllegalStateException.class, call);
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
    }
  }

  @Test
  void predictsFromManyThreadsRunTogether() throws Exception {
    int threads = 4;
    CyclicBarrier together = new CyclicBarrier(threads);
    FakeBackend fake = new FakeBackend().outputs((call, size) -> {
      try {
        together.await(WAIT, TimeUnit.SECONDS); // only passes if all four are inside predict at once
      } catch (Exception e) {
        throw new AssertionError("predicts did not run together", e);
      }
      return new float[call.size() * size];
    });
    List<AtomicReference<Throwable>> thrown = new ArrayList<>();
    try (CompiledModel m = compile(fake)) {
      for (int t = 0; t < threads; t++) {
        thrown.add(new AtomicReference<>());
        start("reader-" + t, thrown.get(t), () -> m.predict(DATA, 32));
      }
      joinThreads();
      started.clear();
      assertEquals(List.of(), thrown.stream().map(AtomicReference::get).filter(e -> e != null).toList());
      assertEquals(threads, fake.onlyModel().calls("predict").size());
    }
  }

  @Test
  void changesAreRefusedWhileAPredictRunsNamingItAndItsThread() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    FakeBackend fake = blockingPredict(inside, release);
    try (CompiledModel m = compile(fake)) {
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      start("predictor", thrown, () -> m.predict(DATA, 32));
      await(inside);
      String busy = "model 'sequential' is busy with predict on thread 'predictor'";
      assertRefused(() -> m.fit(DATA, fitWith(1, e -> {})), "fit: " + busy);
      assertRefused(() -> m.setWeights(m.weights()), "setWeights: " + busy);
      m.evaluate(DATA); // reads still run alongside
      release.countDown();
      joinThreads();
      started.clear();
      assertEquals(null, thrown.get());
      assertEquals(0, fake.onlyModel().calls("trainStep").size());
      m.fit(DATA, fitWith(1, e -> {})); // and once the predict is over, fit runs
      assertEquals(3, fake.onlyModel().calls("trainStep").size());
    }
  }

  @Test
  void everyOtherCallIsRefusedWhileFitRuns() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (CompiledModel m = compile(new FakeBackend())) {
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      start("trainer", thrown, () -> m.fit(DATA, fitWith(1, e -> {
        inside.countDown();
        await(release);
      })));
      await(inside);
      String busy = "model 'sequential' is busy with fit on thread 'trainer'";
      assertRefused(() -> m.fit(DATA, fitWith(1, e -> {})), "fit: " + busy, "need the model alone");
      assertRefused(() -> m.predict(DATA), "predict: " + busy);
      assertRefused(() -> m.evaluate(DATA), "evaluate: " + busy);
      assertRefused(m::weights, "weights: " + busy);
      assertRefused(() -> m.setWeights(java.util.Map.of()), "setWeights: " + busy);
      assertRefused(() -> m.save(dir.resolve("m.layerwise")), "save: " + busy);
      release.countDown();
      joinThreads();
      started.clear();
      assertEquals(null, thrown.get());
    }
  }

  @Test
  void theFittingThreadUsesTheModelFromItsCallbacks() {
    FakeBackend fake = new FakeBackend();
    try (CompiledModel m = compile(fake)) {
      Path checkpoints = dir.resolve("checkpoints");
      History h = m.fit(DATA, FitOptions.builder().epochs(2).batchSize(8).callbacks(
          ModelCheckpoint.everyEpoch(m, checkpoints),
          new FitCallback() {
            @Override
            public void onEpochEnd(EpochLogs logs) {
              m.setWeights(m.weights()); // a restore-best-weights callback does this
              m.predict(DATA);
            }
          }).build());
      assertEquals(2, h.epochCount());
      assertTrue(checkpoints.resolve("epoch-0002.layerwise").toFile().isFile());
      assertEquals(1 + 2, fake.onlyModel().weightUpdates().size(), "initial weights, then one set per epoch");
    }
  }

  @Test
  void closeWaitsForTheCallInFlightAndRefusesNewOnes() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    FakeBackend fake = blockingPredict(inside, release);
    CompiledModel m = compile(fake);
    AtomicReference<Throwable> predictFailure = new AtomicReference<>();
    AtomicReference<Throwable> closeFailure = new AtomicReference<>();
    start("predictor", predictFailure, () -> m.predict(DATA, 32));
    await(inside);
    Thread closer = start("closer", closeFailure, m::close);
    while (closer.getState() != Thread.State.WAITING) {
      assertTrue(closer.isAlive(), "close returned while a predict was in flight");
      Thread.sleep(1);
    }
    assertFalse(fake.onlyModel().isClosed());
    assertRefused(() -> m.predict(DATA), "predict: model 'sequential' is closed (closing on thread 'closer')");
    release.countDown();
    joinThreads();
    started.clear();
    assertEquals(null, predictFailure.get(), "the predict in flight finished normally");
    assertEquals(null, closeFailure.get());
    assertEquals(1, fake.onlyModel().closeCount());
  }

  @Test
  void closeStopsAFitInFlightAtItsNextStep() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    FakeBackend fake = new FakeBackend();
    CompiledModel m = compile(fake);
    AtomicReference<Throwable> fitFailure = new AtomicReference<>();
    start("trainer", fitFailure, () -> m.fit(DATA, fitWith(3, epoch -> {
      if (epoch == 2) {
        inside.countDown();
        await(release);
      }
    })));
    await(inside);
    Thread closer = start("closer", new AtomicReference<>(), m::close);
    while (closer.getState() != Thread.State.WAITING) {
      Thread.sleep(1);
    }
    release.countDown();
    joinThreads();
    started.clear();
    FitCancelledException e = (FitCancelledException) fitFailure.get();
    assertTrue(e.getMessage().contains("fit stopped before batch 1 of epoch 2 because the model was closed by"
        + " thread 'closer'"), e.getMessage());
    assertEquals(3, e.iterations(), "epoch 1's three steps, none of epoch 2");
    assertEquals(1, e.history().epochCount());
    assertEquals(3, fake.onlyModel().calls("trainStep").size());
    assertEquals(1, fake.onlyModel().closeCount());
  }

  @Test
  void anInterruptStopsFitAtTheNextStepBoundaryAndKeepsTheFlag() {
    FakeBackend fake = new FakeBackend().trainLoss(call -> {
      if (call.step() == 5) {
        Thread.currentThread().interrupt(); // arrives while step 5 runs: step 5 completes, step 6 never starts
      }
      return 1.0;
    });
    try (CompiledModel m = compile(fake)) {
      FitCancelledException e = assertThrows(FitCancelledException.class, () -> m.fit(DATA, fitWith(3, ep -> {})));
      assertTrue(Thread.interrupted(), "the interrupt flag is left set (and cleared here)");
      assertTrue(e.getMessage().contains("fit stopped before batch 3 of epoch 2 because its thread was interrupted;"
          + " the model holds the weights after update 5, 1 complete epoch(s) are in the History"), e.getMessage());
      assertEquals(5, e.iterations());
      assertEquals(2, e.epoch());
      assertEquals(3, e.batch());
      assertEquals(1, e.history().epochCount());
      assertEquals(5, e.history().learningRates().length);
      assertEquals(5, m.iterations());
      assertEquals(new TrainingState(5, 1), m.trainingState());
      assertEquals(5, fake.onlyModel().calls("trainStep").size());
      m.fit(DATA, fitWith(1, ep -> {})); // the model stays usable: the next update is 6
      assertEquals(6, fake.onlyModel().calls("trainStep").get(5).step());
    }
  }

  @Test
  void closingFromInsideTheModelsOwnCallIsRefused() {
    try (CompiledModel m = compile(new FakeBackend())) {
      assertRefused(() -> m.fit(DATA, fitWith(1, e -> m.close())),
          "close: model 'sequential' is in the middle of fit on this thread", "close it after fit returns");
      m.predict(DATA); // still open
    }
  }

  @Test
  void afterCloseEveryThreadIsRefused() throws Exception {
    CompiledModel m = compile(new FakeBackend());
    m.close();
    m.close();
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 3; t++) {
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      start("late-" + t, thrown, () -> {
        for (Executable call : List.<Executable>of(() -> m.predict(DATA), () -> m.evaluate(DATA),
            () -> m.fit(DATA, fitWith(1, e -> {})), m::weights, () -> m.setWeights(java.util.Map.of()),
            m::backendModel)) {
          IllegalStateException e = assertThrows(IllegalStateException.class, call);
          if (!e.getMessage().contains("model 'sequential' is closed")) {
            failures.add(e);
          }
        }
      });
    }
    joinThreads();
    started.clear();
    assertEquals(List.of(), failures);
  }
}
