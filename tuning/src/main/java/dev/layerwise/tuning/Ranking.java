package dev.layerwise.tuning;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Best first: higher objective, ties to the lower trial number; failed (NaN) trials are left out. */
final class Ranking {
  private Ranking() {}

  static final Comparator<CompletedTrial> BEST_FIRST =
      Comparator.comparingDouble((CompletedTrial t) -> -t.objective()).thenComparingInt(CompletedTrial::number);

  static List<CompletedTrial> top(List<CompletedTrial> trials, int k) {
    return trials.stream().filter(CompletedTrial::succeeded).sorted(BEST_FIRST).limit(k).toList();
  }

  /** The step's trials that have no result yet. */
  static List<TrialSpec> pending(List<TrialSpec> step, Map<Integer, CompletedTrial> done) {
    return step.stream().filter(t -> !done.containsKey(t.number())).toList();
  }

  static void checkPositive(String strategy, String what, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(strategy + ": expected " + what + " ≥ 1, given " + value);
    }
  }

  static Map<Integer, CompletedTrial> byNumber(List<CompletedTrial> history) {
    return history.stream().collect(Collectors.toMap(CompletedTrial::number, Function.identity(), (a, b) -> b));
  }
}
