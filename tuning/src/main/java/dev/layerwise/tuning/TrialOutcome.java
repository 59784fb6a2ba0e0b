package dev.layerwise.tuning;

import dev.layerwise.tuning.journal.TrialStatus;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What training one trial produced, wherever it ran: a worker thread of this JVM or a Spark executor, which sends
 * it back to the driver (hence {@link Serializable}: plain maps, lists, strings and numbers only). The driver turns
 * it into journal events; nothing in it refers to a model or a native resource.
 *
 * @param status {@link TrialStatus#DONE} or {@link TrialStatus#FAILED}
 * @param firstEpoch the epochs the model had trained before this trial: 0 for a fresh trial, the continued
 *     trial's budget for a promotion; {@code epochs.get(i)} is epoch {@code firstEpoch + i + 1} (1-based, as
 *     {@code fit}'s logs)
 * @param epochs each trained epoch's logs ({@code loss}, {@code val_accuracy}, ...), in order; possibly fewer than
 *     the budget when the trial failed part way
 * @param objective the objective's value (not yet oriented); NaN for a failed trial
 * @param reason why it failed, or {@code null}
 * @param seconds wall-clock seconds spent on the trial where it ran
 * @param archive where its model was saved (a path or a URI), or {@code null}
 * @param worker who ran it: a thread name, an executor's host and id
 */
public record TrialOutcome(TrialStatus status, int firstEpoch, List<Map<String, Double>> epochs, double objective,
    String reason, double seconds, String archive, String worker) implements Serializable {
  private static final long serialVersionUID = 1L;

  public TrialOutcome {
    if (status == null || status == TrialStatus.RUNNING) {
      throw new IllegalArgumentException("a trial's outcome is DONE, PRUNED or FAILED, given " + status);
    }
    List<Map<String, Double>> copy = new ArrayList<>();
    for (Map<String, Double> e : epochs) {
      copy.add(new LinkedHashMap<>(e)); // LinkedHashMap: serializable and keeps the metrics' order
    }
    epochs = java.util.Collections.unmodifiableList(copy);
  }

  /** A trial that failed before or during training, with its reason. */
  public static TrialOutcome failed(int firstEpoch, List<Map<String, Double>> epochs, String reason, double seconds,
      String worker) {
    return new TrialOutcome(TrialStatus.FAILED, firstEpoch, epochs, Double.NaN, reason, seconds, null, worker);
  }

  /** The last epoch's logs: the trial's final metrics (empty when no epoch ended). */
  public Map<String, Double> last() {
    return epochs.isEmpty() ? Map.of() : epochs.get(epochs.size() - 1);
  }
}
