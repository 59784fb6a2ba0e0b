package dev.layerwise.metrics;

/**
 * Precision, per class {@code TP / (TP + FP)}: of the rows predicted as a class, the share that are of it; 0 when
 * nothing was predicted as it (scikit-learn's {@code zero_division=0}, Keras's {@code divide_no_nan}). Key
 * {@code "precision"} for the macro average, else {@code "precision_micro"}, {@code "precision_weighted"} or
 * {@code "precision_class_<c>"} ({@link Averaging}).
 *
 * <p>A categorical model makes one decision per row, its argmax class. Sigmoid outputs are labels of their own,
 * each predicted positive above {@code threshold} (of the probability; on logits, of {@code sigmoid(z)}); a single
 * sigmoid unit is class 0, so every average gives the usual binary precision, Keras's {@code Precision()}. Keras's
 * {@code Precision()} on a softmax output instead thresholds every probability at 0.5 and pools them (micro over
 * labels); here a categorical model is judged by the class it predicts, as scikit-learn's
 * {@code precision_score(average="macro")}.
 *
 * @param average how the classes combine when {@code classId} is {@link Metric#ALL_CLASSES}; MACRO for one class
 * @param classId one class (for sigmoid outputs, one output unit), or {@link Metric#ALL_CLASSES}
 * @param threshold for sigmoid outputs, in [0, 1]; categorical models keep the default 0.5 (unused)
 */
public record Precision(Averaging average, int classId, double threshold) implements Metric {
  public Precision {
    ClassMetrics.check("Precision", average, classId, threshold);
  }

  public Precision withAverage(Averaging average) {
    return new Precision(average, classId, threshold);
  }

  /** The score of one class (for sigmoid outputs, of one output unit). */
  public Precision forClass(int classId) {
    return new Precision(Averaging.MACRO, classId, threshold);
  }

  public Precision withThreshold(double threshold) {
    return new Precision(average, classId, threshold);
  }

  @Override
  public String key() {
    return ClassMetrics.key("precision", average, classId);
  }

  @Override
  public MetricAccumulator accumulator(Readout readout) {
    return ClassMetrics.accumulator(key(), ClassCounts.Score.PRECISION, average, classId, threshold, readout);
  }
}
