package dev.layerwise.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * What precision, recall and F1 share: the checks of their settings, their keys and their accumulator. Keys follow
 * Keras's names for the default (macro) form and add the setting otherwise: {@code precision},
 * {@code precision_micro}, {@code precision_weighted}, {@code precision_class_3}.
 */
final class ClassMetrics {
  /** Keras's default threshold for sigmoid outputs. */
  static final double DEFAULT_THRESHOLD = 0.5;

  private ClassMetrics() {}

  static void check(String metric, Averaging average, int classId, double threshold) {
    requireNonNull(average, metric + ": average");
    checkArgument(classId >= Metric.ALL_CLASSES, "%s: classId must be a class index ≥ 0 (or ALL_CLASSES), got %s",
        metric, classId);
    checkArgument(classId == Metric.ALL_CLASSES || average == Averaging.MACRO,
        "%s: a single class (classId %s) is not averaged; its average must stay MACRO, got %s", metric, classId,
        average);
    checkArgument(threshold >= 0 && threshold <= 1, "%s: threshold must be in [0, 1], got %s", metric, threshold);
  }

  static String key(String base, Averaging average, int classId) {
    if (classId != Metric.ALL_CLASSES) {
      return base + "_class_" + classId;
    }
    return average == Averaging.MACRO ? base : base + "_" + average.name().toLowerCase(java.util.Locale.ROOT);
  }

  static MetricAccumulator accumulator(String key, ClassCounts.Score score, Averaging average, int classId,
      double threshold, Readout readout) {
    checkArgument(readout.kind() != Readout.Kind.REGRESSION, "%s needs a classifier (a cross-entropy,"
        + " kl_divergence or categorical_hinge loss), got %s", key, readout.describe());
    checkArgument(readout.kind() == Readout.Kind.BINARY || threshold == DEFAULT_THRESHOLD,
        "%s: threshold %s applies to sigmoid outputs; %s predicts the argmax class of each row", key, threshold,
        readout.describe());
    checkArgument(classId < readout.classes(), "%s: classId %s is out of range for %s (classes 0 to %s)", key,
        classId, readout.describe(), readout.classes() - 1);
    return new ClassScoreAccumulator(key, score, average, classId, threshold, readout);
  }
}
