package dev.layerwise.tuning;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Backend;
import dev.layerwise.data.Dataset;
import dev.layerwise.tuning.journal.LocalJournalStore;
import dev.layerwise.tuning.journal.StudyJournal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A durable hyperparameter search on this machine: a strategy proposes trials, {@code workers} threads train them
 * (each trial its own model, graph and session), every event goes to the study's journal in {@code dir/journal},
 * every finished trial leaves its archive in {@code dir/trials}. Run it again on the same folder after a crash or a
 * kill: the journal is replayed, finished trials are not rerun (their recorded objectives are given to the
 * strategy), and the trials that were running start over.
 *
 * <pre>{@code
 * SearchSpace space = SearchSpace.builder().logUniform("lr", 1e-4, 1e-2).intRange("units", 32, 512, Scale.LOG)
 *     .build();
 * StudyResult result = Study.in(Path.of("target/study"), new RandomSearch(space, 20, 5, 42),
 *         Objective.maximize("val_accuracy"), train, validation)
 *     .workers(2).run(factory);
 * }</pre>
 *
 * <p>Trials are ranked on the validation data; keep the test set for the best model, once.
 */
public final class Study {
  private final Path dir;
  private final SearchStrategy strategy;
  private final Asha asha;
  private final Objective objective;
  private final Dataset train;
  private final Dataset validation;
  private int workers = 1;
  private Backend backend;
  private long seed;
  private int threadsPerTrial;

  private Study(Path dir, SearchStrategy strategy, Asha asha, Objective objective, Dataset train,
      Dataset validation) {
    this.dir = requireNonNull(dir, "Study: dir");
    this.strategy = strategy;
    this.asha = asha;
    this.objective = requireNonNull(objective, "Study: objective");
    this.train = requireNonNull(train, "Study: train");
    this.validation = requireNonNull(validation, "Study: validation");
  }

  /** A study in {@code dir} (created, or resumed when it holds a journal of the same space). */
  public static Study in(Path dir, SearchStrategy strategy, Objective objective, Dataset train, Dataset validation) {
    return new Study(dir, requireNonNull(strategy, "Study: strategy"), null, objective, train, validation);
  }

  /**
   * A study run by asynchronous successive halving: each free worker takes the next promotion or a new
   * configuration at once, so no worker waits for a rung to fill. Which trials are promoted depends on the order in
   * which trials finish, so two runs need not give the same trials (the synchronous strategies do).
   */
  public static Study asynchronous(Path dir, Asha asha, Objective objective, Dataset train, Dataset validation) {
    return new Study(dir, null, requireNonNull(asha, "Study: asha"), objective, train, validation);
  }

  /** How many trials train at once (default 1). */
  public Study workers(int n) {
    checkArgument(n >= 1 && n <= 256, "Study: workers must be in [1, 256], got %s", n);
    this.workers = n;
    return this;
  }

  /** The backend trials compile on (default {@link Backend#fromEnvironment()}). */
  public Study backend(Backend b) {
    this.backend = requireNonNull(b, "Study: backend");
    return this;
  }

  /**
   * Each trial's thread budget: its sessions use {@code n} intra-op and inter-op threads
   * ({@link Backend#withThreads(int)}), so that N workers share the cores instead of each taking all of them. Not
   * set: the backend's defaults.
   */
  public Study threadsPerTrial(int n) {
    checkArgument(n >= 1 && n <= dev.layerwise.ThreadBudget.MAX, "Study: threadsPerTrial must be in [1, %s], got %s",
        dev.layerwise.ThreadBudget.MAX, n);
    this.threadsPerTrial = n;
    return this;
  }

  /** The seed recorded with the study (the strategy has its own). */
  public Study seed(long s) {
    this.seed = s;
    return this;
  }

  /**
   * Runs the search to its end and returns its trials.
   *
   * @throws IllegalArgumentException when {@code dir} holds a journal written for another space
   * @throws UncheckedIOException when the journal cannot be written
   */
  public StudyResult run(ModelFactory factory) {
    requireNonNull(factory, "Study: factory");
    SearchSpace space = strategy != null ? strategy.space() : asha.space();
    String describe = strategy != null ? strategy.describe() : asha.describe();
    try {
      StudyJournal journal = StudyLoop.openJournal(new LocalJournalStore(dir.resolve("journal")), space, describe,
          objective, seed);
      try (LocalLauncher launcher = new LocalLauncher(new LocalLauncher.Resources(new TrialJournal(journal, objective),
          factory, train, validation, objective, trialBackend(), new LocalArchives(dir.resolve("trials"))), workers)) {
        return strategy != null ? StudyLoop.run(journal, strategy, objective, launcher)
            : StudyLoop.runAsynchronous(journal, asha, objective, launcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("study in " + dir + ": " + e.getMessage(), e);
    }
  }

  private Backend trialBackend() {
    Backend b = backend != null ? backend : Backend.fromEnvironment();
    return threadsPerTrial > 0 ? b.withThreads(threadsPerTrial) : b;
  }
}
