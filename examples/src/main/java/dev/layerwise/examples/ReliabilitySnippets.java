package dev.layerwise.examples;

import dev.layerwise.CompiledModel;
import dev.layerwise.FitCancelledException;
import dev.layerwise.FitOptions;
import dev.layerwise.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The code samples of the guide page {@code docs/reliability.md}, verbatim between {@code // region NAME} and
 * {@code // endregion NAME}. {@code DocSnippetsTest} checks that each {@code java} block of the page shows exactly
 * these lines; {@code ReliabilitySnippetsTest} runs them on both backends.
 */
public final class ReliabilitySnippets {
  private ReliabilitySnippets() {}

  /** One model answering requests from a pool of threads. */
  public static List<float[]> sharedModel(CompiledModel m, List<Dataset> requests)
      throws InterruptedException, ExecutionException {
    // region share-a-model
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<float[]>> answers = new ArrayList<>();
    for (Dataset request : requests) {
      answers.add(pool.submit(() -> m.predict(request)));   // reads run together, on any number of threads
    }
    List<float[]> outputs = new ArrayList<>();
    for (Future<float[]> answer : answers) {
      outputs.add(answer.get());
    }
    pool.shutdown();
    // endregion share-a-model
    return outputs;
  }

  /** Stopping a fit that runs on its own thread; returns what the trainer caught. */
  public static FitCancelledException interruptFit(CompiledModel m, Dataset train, FitOptions options,
      CountDownLatch userPressedStop) throws InterruptedException {
    AtomicReference<FitCancelledException> stopped = new AtomicReference<>();
    // region interrupt-fit
    Thread trainer = new Thread(() -> {
      try {
        m.fit(train, options);
      } catch (FitCancelledException e) {
        stopped.set(e);      // e.history(): the epochs that completed; e.iterations(): the updates kept
      }
    }, "trainer");
    trainer.start();
    userPressedStop.await();
    trainer.interrupt();     // fit stops at its next step boundary, the model consistent and usable
    trainer.join();
    // endregion interrupt-fit
    return stopped.get();
  }
}
