package dev.layerwise.tuning.journal;

import java.util.Map;

/**
 * One point of a trial's curve: the metrics at the end of an epoch ({@code loss}, {@code val_accuracy}, ...).
 * Non-finite values are kept: a diverging trial's NaN is part of its story.
 *
 * @param epoch the epoch just finished, counted from 1 as in {@code fit}'s logs ({@code EpochLogs.epoch()}); a
 *     continued trial's epochs go on from the continued trial's
 */
public record EpochReported(String trialId, int epoch, Map<String, Double> metrics) implements JournalEvent {
  public EpochReported {
    JsonValues.trialId(trialId);
    JsonValues.nonNegative(epoch, "trial " + trialId + "'s epoch");
    metrics = JsonValues.metrics(metrics, "trial " + trialId + "'s metric");
  }

  @Override
  public String kind() {
    return "epoch-reported";
  }
}
