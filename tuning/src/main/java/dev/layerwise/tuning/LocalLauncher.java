package dev.layerwise.tuning;

import dev.layerwise.Backend;
import dev.layerwise.data.Dataset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Trials on {@code workers} threads of this JVM, each trial its own model, graph and session; epochs are journaled
 * as they end, so a crash loses at most the epoch in flight of each running trial.
 */
final class LocalLauncher implements TrialLauncher {
  /** What every trial of a local study shares. */
  record Resources(TrialJournal journal, ModelFactory factory, Dataset train, Dataset validation, Objective objective,
      Backend backend, ArchiveStore archives) {}

  private final Resources r;
  private final int workers;
  private final ExecutorService pool;

  LocalLauncher(Resources resources, int workers) {
    this.r = resources;
    this.workers = workers;
    this.pool = Executors.newFixedThreadPool(workers, task -> {
      Thread t = new Thread(task, "layerwise-trial");
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public CompletableFuture<CompletedTrial> launch(TrialSpec spec, int previousBudget) {
    return CompletableFuture.supplyAsync(() -> run(spec, previousBudget), pool);
  }

  private CompletedTrial run(TrialSpec spec, int previousBudget) {
    String worker = Thread.currentThread().getName();
    r.journal().started(spec, worker);
    TrialOutcome outcome = TrialTraining.run(new TrialTraining.Work(spec, previousBudget, r.factory(), r.train(),
        r.validation(), r.objective(), r.backend(), r.archives()),
        (epoch, logs) -> r.journal().epoch(spec, epoch, logs), worker);
    return r.journal().finished(spec, outcome, false);
  }

  @Override
  public int slots() {
    return workers;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
