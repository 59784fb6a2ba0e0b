package dev.layerwise.tuning;

import static java.util.Objects.requireNonNull;

import dev.layerwise.tuning.journal.JournalStore;
import dev.layerwise.tuning.journal.StudyCreated;
import dev.layerwise.tuning.journal.StudyJournal;
import dev.layerwise.tuning.journal.StudyState;
import dev.layerwise.tuning.journal.TrialRecord;
import dev.layerwise.tuning.journal.TrialStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The driver of a study, whatever runs its trials: it opens (or resumes) the journal, asks the strategy for
 * trials, gives the ones the journal has not finished to a {@link TrialLauncher}, and replays the journal into the
 * result. {@code Study} runs it with local worker threads; the {@code layerwise-spark} module with Spark tasks.
 * Trials finished before a restart are not launched again: their recorded objectives go to the strategy, so a
 * resumed synchronous search proposes exactly the trials an uninterrupted one would.
 */
public final class StudyLoop {
  private StudyLoop() {}

  /**
   * Opens the journal in {@code store}, or starts one there for this search.
   *
   * @throws IllegalArgumentException when the store holds a journal written for another space
   */
  public static StudyJournal openJournal(JournalStore store, SearchSpace space, String describe, Objective objective,
      long seed) throws IOException {
    return StudyJournal.openOrCreate(store, new StudyCreated(space.fingerprint(), describe, objective.key(),
        objective.higherIsBetter() ? StudyCreated.Direction.MAXIMIZE : StudyCreated.Direction.MINIMIZE, seed,
        Instant.now()));
  }

  /**
   * Runs a synchronous strategy to its end: step after step, each step's trials launched together and awaited.
   *
   * @throws JournalWriteException when the journal cannot be written
   */
  public static StudyResult run(StudyJournal journal, SearchStrategy strategy, Objective objective,
      TrialLauncher launcher) throws IOException {
    requireNonNull(strategy, "strategy");
    StudyState before = journal.replay();
    List<CompletedTrial> history = new ArrayList<>();
    Map<Integer, TrialSpec> issued = new HashMap<>();
    for (List<TrialSpec> batch = strategy.nextTrials(history); !batch.isEmpty(); batch = strategy.nextTrials(history)) {
      batch.forEach(s -> issued.put(s.number(), s));
      history.addAll(runBatch(batch, before, objective, launcher, issued));
    }
    return StudyResult.of(journal.replay(), objective, strategy.space());
  }

  /** Runs asynchronous successive halving to its end, keeping {@link TrialLauncher#slots()} trials busy. */
  public static StudyResult runAsynchronous(StudyJournal journal, Asha asha, Objective objective,
      TrialLauncher launcher) throws IOException {
    requireNonNull(asha, "asha");
    new AshaLoop(asha, objective, launcher).run(journal.replay());
    return StudyResult.of(journal.replay(), objective, asha.space());
  }

  /** The batch's trials: recorded ones from the journal, the others launched, in the batch's order. */
  private static List<CompletedTrial> runBatch(List<TrialSpec> batch, StudyState before, Objective objective,
      TrialLauncher launcher, Map<Integer, TrialSpec> issued) {
    List<CompletableFuture<CompletedTrial>> futures = new ArrayList<>();
    for (TrialSpec spec : batch) {
      TrialRecord done = before.trials().get(TrialTraining.trialId(spec.number()));
      if (done != null && done.status() != TrialStatus.RUNNING) {
        double o = done.status() == TrialStatus.DONE ? objective.ranked(done.objective()) : Double.NaN;
        futures.add(CompletableFuture.completedFuture(new CompletedTrial(spec, o)));
        continue;
      }
      int previous = spec.continues().isPresent() ? issued.get(spec.continues().getAsInt()).budgetEpochs() : 0;
      futures.add(launcher.launch(spec, previous));
    }
    List<CompletedTrial> out = new ArrayList<>();
    for (CompletableFuture<CompletedTrial> f : futures) {
      out.add(await(f));
    }
    return out;
  }

  /** The trial's result; the launcher's failure (the journal could not be written) as the study's. */
  static CompletedTrial await(CompletableFuture<CompletedTrial> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("study interrupted", e);
    } catch (ExecutionException e) {
      throw rethrown(e.getCause());
    }
  }

  static RuntimeException rethrown(Throwable cause) {
    if (cause instanceof CompletionException ce && ce.getCause() != null) {
      cause = ce.getCause();
    }
    if (cause instanceof RuntimeException re) {
      return re; // the journal could not be written (launchers fail everything else as a trial)
    }
    if (cause instanceof Error err) {
      throw err;
    }
    return new IllegalStateException(cause);
  }
}
