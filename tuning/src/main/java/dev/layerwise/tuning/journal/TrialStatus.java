package dev.layerwise.tuning.journal;

/** Where a trial stands in a replayed journal. */
public enum TrialStatus {
  /**
   * Started and not finished. In a journal replayed after a crash or a kill, such a trial was interrupted: a
   * resumed study reruns it from the start (under the same trial id), and its partial curve is discarded.
   */
  RUNNING,
  /** Trained for its whole budget. */
  DONE,
  /** Stopped early by the strategy (a Hyperband rung, a pruner): its curve so far is its result. */
  PRUNED,
  /** Failed: a NaN loss, a model-building function that threw; the reason is recorded. */
  FAILED
}
