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
   * The trial's objective: the best epoch's value (as Keras Tuner does — early stopping keeps that epoch's weights),
   * NaN when the history lacks the key.
   *
   * @throws IllegalArgumentException when the history has no such key, listing the keys it has
   */
  public double of(History history) {
    checkArgument(history.keys().contains(key), "Objective: the fit's history has no '%s' (it has %s); fit with"
        + " validation data and the metric compiled", key, history.keys());
    double best = Double.NaN;
    for (double v : history.get(key)) {
      if (!Double.isNaN(v) && (Double.isNaN(best) || better(v, best))) {
        best = v;
      }
    }
    return best;
  }

  /** The value as the strategies rank it, higher better: a loss negated (NaN stays NaN). */
  public double ranked(double value) {
    return higherIsBetter ? value : -value;
  }

  /** Whether {@code a} ranks above {@code b}. */
  public boolean better(double a, double b) {
    return higherIsBetter ? a > b : a < b;
  }
}
