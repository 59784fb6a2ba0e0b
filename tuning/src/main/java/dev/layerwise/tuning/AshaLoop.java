package dev.layerwise.tuning;

import dev.layerwise.tuning.journal.StudyState;
import dev.layerwise.tuning.journal.TrialRecord;
import dev.layerwise.tuning.journal.TrialStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Drives {@link Asha}: whenever a worker is free it asks for the next trial (a promotion if some rung has one, else
 * a new configuration) and starts it; when nothing can be started it waits for a running trial to finish; the
 * search ends when nothing runs and nothing can start. On resume the journal's trials are the issued and completed
 * ones (a trial that was running is started again under its number).
 */
final class AshaLoop {
  private final Asha asha;
  private final Objective objective;
  private final TrialLauncher launcher;

  AshaLoop(Asha asha, Objective objective, TrialLauncher launcher) {
    this.asha = asha;
    this.objective = objective;
    this.launcher = launcher;
  }

  void run(StudyState before) {
    List<TrialSpec> issued = new ArrayList<>();
    List<CompletedTrial> completed = new ArrayList<>();
    List<TrialSpec> rerun = new ArrayList<>();
    Map<Integer, TrialSpec> byNumber = new HashMap<>();
    for (TrialRecord t : before.trials().values().stream()
        .sorted(Comparator.comparingInt(t -> t.start().number())).toList()) {
      TrialSpec spec = specOf(t, before);
      issued.add(spec);
      byNumber.put(spec.number(), spec);
      if (t.status() == TrialStatus.RUNNING) {
        rerun.add(spec);
      } else {
        completed.add(new CompletedTrial(spec, t.status() == TrialStatus.DONE ? objective.ranked(t.objective())
            : Double.NaN));
      }
    }
    BlockingQueue<CompletableFuture<CompletedTrial>> done = new LinkedBlockingQueue<>();
    int running = 0;
    while (true) {
      while (running < launcher.slots()) {
        Optional<TrialSpec> next = !rerun.isEmpty() ? Optional.of(rerun.remove(0))
            : asha.nextTrial(issued, completed);
        if (next.isEmpty()) {
          break;
        }
        TrialSpec spec = next.get();
        if (!byNumber.containsKey(spec.number())) {
          issued.add(spec);
          byNumber.put(spec.number(), spec);
        }
        int previous = spec.continues().isPresent() ? byNumber.get(spec.continues().getAsInt()).budgetEpochs() : 0;
        CompletableFuture<CompletedTrial> f = launcher.launch(spec, previous);
        f.whenComplete((t, e) -> done.add(f));
        running++;
      }
      if (running == 0) {
        return;
      }
      completed.add(take(done));
      running--;
    }
  }

  private static CompletedTrial take(BlockingQueue<CompletableFuture<CompletedTrial>> done) {
    try {
      return StudyLoop.await(done.take());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("study interrupted", e);
    }
  }

  /** The spec a journal's trial was started with. */
  static TrialSpec specOf(TrialRecord t, StudyState state) {
    String from = t.start().continuesFrom();
    OptionalInt continues = from == null ? OptionalInt.empty()
        : OptionalInt.of(state.trial(from).start().number());
    return new TrialSpec(t.start().number(), paramsOf(t.params()), t.seed(), t.start().budgetEpochs(), continues,
        "");
  }

  /** The journal keeps integers as Long; hyperparameters hold Integer. */
  static Hyperparameters paramsOf(Map<String, Object> journal) {
    Map<String, Object> values = new LinkedHashMap<>();
    journal.forEach((k, v) -> values.put(k, v instanceof Long l ? Integer.valueOf(Math.toIntExact(l)) : v));
    return Hyperparameters.of(values);
  }
}
