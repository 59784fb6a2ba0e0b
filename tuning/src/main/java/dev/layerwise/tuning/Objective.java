package dev.layerwise.tuning;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.History;

/**
 * What a study ranks trials by: a key of the fit's history measured on the validation data ({@code val_accuracy},
 * {@code val_loss}), and whether higher is better. Trials are ranked on validation data only; the test set is for the
 * final best model, once.
 *
 * @param key the history key, e.g. {@code val_accuracy}
 * @param higherIsBetter true for accuracies, false for losses
 */
public record Objective(String key, boolean higherIsBetter) {
  public Objective {
    requireNonNull(key, "Objective: key");
    checkArgument(key.startsWith("val_"), "Objective: rank trials on validation data, a key starting with val_"
        + " (val_accuracy, val_loss); got '%s'", key);
  }

  /** Maximise this validation metric. */
  public static Objective maximize(String key) {
    return new Objective(key, true);
  }

  /** Minimise this validation metric. */
  public static Objective minimize(String key) {
    return new Objective(key, false);
  }

  /**
   * The trial's objective: the value at its last epoch — the epoch of the model its archive holds, which a promoted
   * trial continues and the best trial's test evaluation loads. (Keras Tuner takes the best epoch's value and keeps
   * that epoch's checkpoint; ranking by the last epoch keeps the score and the archived model the same thing, and
   * is what successive halving compares at each rung.) NaN when that value is.
   *
   * @throws IllegalArgumentException when the history has no such key, listing the keys it has
   */
  public double of(History history) {
    checkArgument(history.keys().contains(key), "Objective: the fit's history has no '%s' (it has %s); fit with"
        + " validation data and the metric compiled", key, history.keys());
    double[] values = history.get(key);
    return values.length == 0 ? Double.NaN : values[values.length - 1];
  }

  /** The value as the strategies rank it, higher better: a loss negated (NaN stays NaN). */
  public double ranked(double value) {
    return higherIsBetter ? value : -value;
  }
}
