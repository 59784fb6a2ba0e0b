package dev.layerwise.tuning;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** A synchronous study runner in miniature: ask, "train" every trial of the step with a formula, repeat. */
final class Studies {
  private Studies() {}

  /** A smooth objective with its peak at lr = 3e-3 (higher is better): −|log10 lr − log10 3e-3|. */
  static double peakAt3e3(TrialSpec t) {
    return -Math.abs(Math.log10(t.params().getDouble("lr")) - Math.log10(3e-3));
  }

  static List<CompletedTrial> run(SearchStrategy strategy, ToDoubleFunction<TrialSpec> objective) {
    List<CompletedTrial> history = new ArrayList<>();
    for (int step = 0; step < 1000; step++) {
      List<TrialSpec> batch = strategy.nextTrials(history);
      if (batch.isEmpty()) {
        return history;
      }
      batch.forEach(t -> history.add(new CompletedTrial(t, objective.applyAsDouble(t))));
    }
    throw new AssertionError(strategy.describe() + " did not end in 1000 steps");
  }

  static List<TrialSpec> specs(List<CompletedTrial> history) {
    return history.stream().map(CompletedTrial::spec).toList();
  }
}
