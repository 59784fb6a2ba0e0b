package dev.layerwise.tuning.journal;

import java.util.Map;

/**
 * A trial ended. Only the first of these counts for a trial: a retried or speculative copy of the same trial
 * that finishes again is ignored on replay, so it cannot count twice.
 *
 * @param status {@link TrialStatus#DONE}, {@link TrialStatus#PRUNED} or {@link TrialStatus#FAILED}
 * @param metrics the final metrics (empty for a trial that failed before its first epoch)
 * @param objective the value the trial is ranked by; NaN when there is none (a failed trial)
 * @param reason why it failed or was pruned, or {@code null}
 * @param seconds the wall-clock time it trained
 * @param archive where its model was saved (a {@code .layerwise} archive), or {@code null}
 */
public record TrialFinished(String trialId, TrialStatus status, Map<String, Double> metrics, double objective,
    String reason, double seconds, String archive) implements JournalEvent {
  public TrialFinished {
    JsonValues.trialId(trialId);
    JsonValues.required(status, "trial " + trialId + "'s status");
    if (status == TrialStatus.RUNNING) {
      throw new IllegalArgumentException("trial " + trialId + " cannot finish as RUNNING: DONE, PRUNED or FAILED");
    }
    metrics = JsonValues.metrics(metrics, "trial " + trialId + "'s final metric");
  }

  @Override
  public String kind() {
    return "trial-finished";
  }
}
