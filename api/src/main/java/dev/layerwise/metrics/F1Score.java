package dev.layerwise.metrics;

/**
 * F1, per class {@code 2TP / (2TP + FP + FN)}, the harmonic mean of precision and recall; 0 for a class never
 * predicted nor present. Key {@code "f1_score"} for the macro average, else {@code "f1_score_micro"},
 * {@code "f1_score_weighted"} or {@code "f1_score_class_<c>"} ({@link Averaging}).
 *
 * <p>Keras's {@code F1Score(average, threshold)}: a categorical model makes one decision per row, its argmax class
 * ({@code threshold=None} in Keras, which counts every class tied at the maximum where here the first wins); sigmoid
 * outputs are labels of their own, each predicted positive above {@code threshold} (of the probability; on logits,
 * of {@code sigmoid(z)}). Keras's default {@code average=None} returns a vector per class; one class is
 * {@code forClass(c)} here, as a history holds numbers. Keras adds ε = 1e-7 to its denominators; here an empty
 * denominator gives 0 and nothing else is changed (a difference below 1e-6 on Keras's own test values).
 *
 * @param average how the classes combine when {@code classId} is {@link Metric#ALL_CLASSES}; MACRO for one class
 * @param classId one class (for sigmoid outputs, one output unit), or {@link Metric#ALL_CLASSES}
 * @param threshold for sigmoid outputs, in [0, 1]; categorical models keep the default 0.5 (unused)
 */
public record F1Score(Averaging average, int classId, double threshold) implements Metric {
  public F1Score {
    ClassMetrics.check("F1Score", average, classId, threshold);
  }

  public F1Score withAverage(Averaging average) {
    return new F1Score(average, classId, threshold);
  }

  /** The score of one class (for sigmoid outputs, of one output unit). */
  public F1Score forClass(int classId) {
    return new F1Score(Averaging.MACRO, classId, threshold);
  }

  public F1Score withThreshold(double threshold) {
    return new F1Score(average, classId, threshold);
  }

  @Override
  public String key() {
    return ClassMetrics.key("f1_score", average, classId);
  }

  @Override
  public MetricAccumulator accumulator(Readout readout) {
    return ClassMetrics.accumulator(key(), ClassCounts.Score.F1, average, classId, threshold, readout);
  }
}
