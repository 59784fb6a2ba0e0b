package dev.layerwise.metrics;

/**
 * Recall, per class {@code TP / (TP + FN)}: of the rows of a class, the share predicted as it; 0 for a class with
 * no rows (scikit-learn's {@code zero_division=0}, Keras's {@code divide_no_nan}). Key {@code "recall"} for the
 * macro average, else {@code "recall_micro"}, {@code "recall_weighted"} or {@code "recall_class_<c>"}
 * ({@link Averaging}).
 *
 * <p>A categorical model makes one decision per row, its argmax class. Sigmoid outputs are labels of their own,
 * each predicted positive above {@code threshold} (of the probability; on logits, of {@code sigmoid(z)}); a single
 * sigmoid unit is class 0, so every average gives the usual binary recall, Keras's {@code Recall()}. Keras's
 * {@code Recall()} on a softmax output instead thresholds every probability at 0.5 and pools them; here a
 * categorical model is judged by the class it predicts, as scikit-learn's {@code recall_score(average="macro")}.
 *
 * @param average how the classes combine when {@code classId} is {@link Metric#ALL_CLASSES}; MACRO for one class
 * @param classId one class (for sigmoid outputs, one output unit), or {@link Metric#ALL_CLASSES}
 * @param threshold for sigmoid outputs, in [0, 1]; categorical models keep the default 0.5 (unused)
 */
public record Recall(Averaging average, int classId, double threshold) implements Metric {
  public Recall {
    ClassMetrics.check("Recall", average, classId, threshold);
  }

  public Recall withAverage(Averaging average) {
    return new Recall(average, classId, threshold);
  }

  /** The score of one class (for sigmoid outputs, of one output unit). */
  public Recall forClass(int classId) {
    return new Recall(Averaging.MACRO, classId, threshold);
  }

  public Recall withThreshold(double threshold) {
    return new Recall(average, classId, threshold);
  }

  @Override
  public String key() {
    return ClassMetrics.key("recall", average, classId);
  }

  @Override
  public MetricAccumulator accumulator(Readout readout) {
    return ClassMetrics.accumulator(key(), ClassCounts.Score.RECALL, average, classId, threshold, readout);
  }
}
