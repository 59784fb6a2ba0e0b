package dev.layerwise;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code fit} returns: per epoch, the mean training loss and metrics, {@code learning_rate} (the rate of the
 * epoch's last update) and, with validation data, the same prefixed {@code val_}. Keys follow Keras: {@code loss},
 * {@code accuracy}, {@code val_loss}, {@code val_accuracy}; models with regularizers add
 * {@code regularization_loss}. A model with several outputs reports, as Keras 3 does, {@code loss} (the weighted
 * sum of the outputs' losses), each output's metrics as {@code <output>_<metric>} and each output's own unweighted
 * loss as {@code <output>_loss}. {@link #learningRates()} holds the rate of every single update.
 */
public final class History {
  private final List<Map<String, Double>> epochs = new ArrayList<>();
  private final List<Double> learningRates = new ArrayList<>();
  private final List<Integer> epochNumbers = new ArrayList<>();
  private String stopReason = "not finished";
  private int stepsPerExecution = 1;

  /** Appends one epoch's values (used by the training loop). */
  public void add(Map<String, Double> values) {
    add(epochNumbers.isEmpty() ? 1 : epochNumbers.get(epochNumbers.size() - 1) + 1, values);
  }

  /** Appends the values of epoch {@code epoch} (1-based; used by the training loop). */
  public void add(int epoch, Map<String, Double> values) {
    epochs.add(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    epochNumbers.add(epoch);
  }

  /** Records why training ended (used by the training loop). */
  public void recordStop(String reason) {
    this.stopReason = java.util.Objects.requireNonNull(reason, "reason");
  }

  /**
   * Why training ended: {@code "completed"} when every epoch ran; the reason a callback gave when it stopped early
   * (e.g. {@code "EarlyStopping: val_loss did not improve for 3 epochs (best 0.41 at epoch 5)"}); {@code
   * "cancelled: …"} or {@code "diverged: …"} in the history a {@link FitCancelledException} or {@link
   * TrainingDivergedException} carries.
   */
  public String stopReason() {
    return stopReason;
  }

  /**
   * The number of each recorded epoch (1-based), Keras's {@code history.epoch} plus one: {@code 4, 5, 6} for a fit
   * resumed with {@code initialEpoch(3)}.
   */
  public int[] epochNumbers() {
    return epochNumbers.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Records how many steps one backend call ran (used by the training loop). */
  public void recordStepsPerExecution(int steps) {
    this.stepsPerExecution = steps;
  }

  /**
   * How many training steps this {@code fit} ran per backend call ({@link FitOptions#stepsPerExecution()}): the K
   * asked for or chosen, or 1 when the fit ran every step alone (a callback needing every step, a data source, a
   * backend without a multi-step mode). The last batches of an epoch that do not fill K run alone either way.
   */
  public int stepsPerExecution() {
    return stepsPerExecution;
  }

  /** Records the learning rate of one update (used by the training loop). */
  public void recordLearningRate(double learningRate) {
    learningRates.add(learningRate);
  }

  /** The learning rate of every update of this {@code fit}, in order. */
  public double[] learningRates() {
    return learningRates.stream().mapToDouble(Double::doubleValue).toArray();
  }

  public int epochCount() {
    return epochs.size();
  }

  /** Every key recorded, in first-seen order. */
  public Set<String> keys() {
    Set<String> k = new LinkedHashSet<>();
    epochs.forEach(e -> k.addAll(e.keySet()));
    return k;
  }

  /** One value per epoch for a key (e.g. {@code "val_accuracy"}). */
  public double[] get(String key) {
    double[] v = new double[epochs.size()];
    for (int i = 0; i < v.length; i++) {
      Double d = epochs.get(i).get(key);
      if (d == null) {
        throw new IllegalArgumentException("History has no '" + key + "' for epoch " + (i + 1) + "; keys: " + keys());
      }
      v[i] = d;
    }
    return v;
  }

  /** The last epoch's value for a key. */
  public double last(String key) {
    if (epochs.isEmpty()) {
      throw new IllegalStateException("History is empty: no epoch has run");
    }
    double[] v = get(key);
    return v[v.length - 1];
  }

  /** The values of epoch i (0-based). */
  public Map<String, Double> epoch(int i) {
    return epochs.get(i);
  }

  @Override
  public String toString() {
    return "History" + epochs + " (" + stopReason + ")";
  }
}
