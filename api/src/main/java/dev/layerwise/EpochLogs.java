package dev.layerwise;

import java.util.Map;

/**
 * One epoch's results as callbacks receive them.
 *
 * @param epoch 1-based
 * @param epochs how many this {@code fit} runs
 * @param steps optimisation steps in the epoch
 * @param seconds wall time of the epoch, validation included
 * @param values {@code loss}, the metrics, then {@code val_loss} and {@code val_<metric>} if validating
 */
public record EpochLogs(int epoch, int epochs, int steps, double seconds, Map<String, Double> values) {
  public EpochLogs {
    values = Map.copyOf(values);
  }

  public double get(String key) {
    Double v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("no value '" + key + "' in epoch logs; present: " + values.keySet());
    }
    return v;
  }
}
