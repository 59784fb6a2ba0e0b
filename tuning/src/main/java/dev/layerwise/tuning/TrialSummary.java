package dev.layerwise.tuning;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One trial of a study as its results table shows it.
 *
 * @param number the trial's number in the study (1-based, in the order trials were started)
 * @param id the trial's idempotent id
 * @param params its hyperparameters, in the space's order (a conditional one absent when its condition did not hold)
 * @param status {@code DONE}, {@code PRUNED}, {@code FAILED} or {@code RUNNING}
 * @param objective the objective on the validation data (NaN when it has none: failed or still running)
 * @param metrics its final metrics, by name ({@code val_accuracy}, {@code val_loss}, …)
 * @param epochs the epochs it trained
 * @param seconds its wall-clock time
 * @param reason why it failed or was pruned; empty otherwise
 */
public record TrialSummary(int number, String id, Map<String, Object> params, String status, double objective,
    Map<String, Double> metrics, int epochs, double seconds, String reason) {
  public TrialSummary {
    requireNonNull(id, "id");
    requireNonNull(status, "status");
    requireNonNull(reason, "reason");
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }
}
