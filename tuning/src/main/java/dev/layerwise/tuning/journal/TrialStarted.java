package dev.layerwise.tuning.journal;

import java.time.Instant;
import java.util.Map;

/**
 * A trial began training. Written again with the same id when a study resumed after a crash reruns a trial that
 * was running: the replayed trial then starts over.
 *
 * @param trialId the trial's id, unique in the study and stable across retries (it names journal files)
 * @param number the trial's number in the order the strategy proposed it
 * @param params the hyperparameters, JSON values (integers are kept as {@code Long}, other numbers as
 *     {@code Double})
 * @param seed the trial's own seed (weights, shuffling, dropout)
 * @param budgetEpochs the epochs the trial may train
 * @param continuesFrom the trial whose weights this one continues (a Hyperband promotion), or {@code null}
 * @param worker who runs it (a thread, an executor), for people reading the journal
 * @param time when it started
 */
public record TrialStarted(String trialId, int number, Map<String, Object> params, long seed, int budgetEpochs,
    String continuesFrom, String worker, Instant time) implements JournalEvent {
  public TrialStarted {
    JsonValues.trialId(trialId);
    JsonValues.nonNegative(number, "trial " + trialId + "'s number");
    params = JsonValues.params(params, "trial " + trialId + "'s parameter");
    JsonValues.nonNegative(budgetEpochs, "trial " + trialId + "'s budget of epochs");
    if (continuesFrom != null) {
      JsonValues.trialId(continuesFrom);
    }
    JsonValues.required(worker, "trial " + trialId + "'s worker");
    JsonValues.required(time, "trial " + trialId + "'s start time");
  }

  @Override
  public String kind() {
    return "trial-started";
  }
}
