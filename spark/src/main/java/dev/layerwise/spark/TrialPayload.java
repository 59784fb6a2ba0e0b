package dev.layerwise.spark;

import dev.layerwise.tuning.Hyperparameters;
import dev.layerwise.tuning.TrialSpec;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Everything an executor needs to train one trial, sent with its Spark task: plain values and class names only —
 * no lambda, no model, no data (the executor loads the data from its location and keeps it).
 *
 * @param number the trial's number (its id is {@code "t" + number}: a retried task trains the same trial)
 * @param params the hyperparameters (Integer, Double, String and Boolean values)
 * @param seed the trial's seed
 * @param budgetEpochs the epochs the model has trained when the trial ends
 * @param continues the trial whose archive this one continues, or -1 for a fresh model
 * @param previousBudget the continued trial's budget (0 for a fresh model)
 * @param data where the executors read the data
 * @param factoryClass the {@code ModelFactory}'s class name
 * @param objectiveKey the objective's key ({@code val_accuracy})
 * @param higherIsBetter the objective's direction
 * @param backend the backend's name ({@code tensorflow}, {@code reference})
 * @param threads the trial's thread budget, or 0 for the backend's defaults
 * @param archives the folder (path or URI) the trial's archive goes to and continued archives come from
 */
public record TrialPayload(int number, Map<String, Object> params, long seed, int budgetEpochs, int continues,
    int previousBudget, DataLocation data, String factoryClass, String objectiveKey, boolean higherIsBetter,
    String backend, int threads, String archives) implements Serializable {
  private static final long serialVersionUID = 1L;

  public TrialPayload {
    params = new LinkedHashMap<>(params); // serializable, ordered
  }

  /** The strategy's spec again, on the executor. */
  public TrialSpec spec() {
    return new TrialSpec(number, Hyperparameters.of(params), seed, budgetEpochs,
        continues < 0 ? OptionalInt.empty() : OptionalInt.of(continues), "");
  }
}
