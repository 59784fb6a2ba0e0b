package dev.layerwise;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Map;

/**
 * One training step's results as {@link FitCallback#onBatchEnd} receives them: where the step is in its epoch, the
 * step's own loss and the epoch's running values so far. A record so that later hooks can grow it (more fields) without changing the
 * callback's signature.
 *
 * @param epoch 1-based
 * @param step 1-based index of the step within the epoch
 * @param steps optimisation steps in the epoch
 * @param stepLoss this step's own loss (its batch's mean, plus the regularization loss if any): Keras 3's
 *     {@code logs["loss"]} is the running mean instead, which is {@code values.get("loss")} here
 * @param values the epoch's running means after this step: {@code loss} (weighted by batch size, as Keras),
 *     {@code regularization_loss} for models with regularizers, then each metric
 */
public record BatchLogs(int epoch, int step, int steps, double stepLoss, Map<String, Double> values) {
  public BatchLogs {
    checkArgument(step >= 1 && step <= steps, "BatchLogs: step must be in 1..%s, got %s", steps, step);
    values = Map.copyOf(values);
  }

  public double get(String key) {
    Double v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("no value '" + key + "' in batch logs; present: " + values.keySet());
    }
    return v;
  }
}
