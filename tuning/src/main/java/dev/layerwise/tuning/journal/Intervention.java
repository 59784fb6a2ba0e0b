package dev.layerwise.tuning.journal;

import java.util.Map;

/**
 * The panda: someone paused a trial after an epoch, changed hyperparameters (the learning rate, most often) and
 * let it go on. Recorded so the trial's curve can show where and why it bends.
 *
 * @param afterEpoch the last epoch trained with the old values (counted from 0)
 * @param changes the new values, e.g. {@code {"learning_rate": 3e-4}}
 * @param note why, in the user's words ("" when none)
 */
public record Intervention(String trialId, int afterEpoch, Map<String, Object> changes, String note)
    implements JournalEvent {
  public Intervention {
    JsonValues.trialId(trialId);
    JsonValues.nonNegative(afterEpoch, "trial " + trialId + "'s intervention epoch");
    changes = JsonValues.params(changes, "trial " + trialId + "'s changed parameter");
    note = note == null ? "" : note;
  }

  @Override
  public String kind() {
    return "intervention";
  }
}
