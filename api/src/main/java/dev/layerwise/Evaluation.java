package dev.layerwise;

import dev.layerwise.metrics.ClassificationReport;
import dev.layerwise.metrics.ConfusionMatrix;
import dev.layerwise.metrics.Metric;
import java.util.List;
import java.util.Map;

/**
 * The loss and metrics of a model on a dataset, as {@code evaluate} returns them, and for a single-label
 * classifier (a categorical model, or one sigmoid unit) the confusion matrix of its predictions.
 *
 * @param confusionMatrix the confusion matrix, or null for models that have none (regression, multi-label sigmoid)
 */
public record Evaluation(Map<String, Double> values, ConfusionMatrix confusionMatrix) {
  public Evaluation {
    values = Map.copyOf(values);
  }

  public Evaluation(Map<String, Double> values) {
    this(values, null);
  }

  public double loss() {
    return get("loss");
  }

  public double metric(Metric metric) {
    return get(metric.key());
  }

  public double get(String key) {
    Double v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("no '" + key + "' in this evaluation; present: " + values.keySet());
    }
    return v;
  }

  /** Whether {@link #confusionMatrix} is available. */
  public boolean hasConfusionMatrix() {
    return confusionMatrix != null;
  }

  /**
   * Rows true classes, columns predicted ones.
   *
   * @throws IllegalStateException for a model that is not a single-label classifier
   */
  @Override
  public ConfusionMatrix confusionMatrix() {
    if (confusionMatrix == null) {
      throw new IllegalStateException("this evaluation has no confusion matrix: evaluate counts one for"
          + " single-label classifiers (a categorical model, or one sigmoid unit), not for regression or"
          + " multi-label models");
    }
    return confusionMatrix;
  }

  /** scikit-learn's {@code classification_report} of {@link #confusionMatrix}, classes named 0, 1, …. */
  public ClassificationReport classificationReport() {
    return confusionMatrix().report();
  }

  /** The report with the classes named, one name per class. */
  public ClassificationReport classificationReport(List<String> classNames) {
    return confusionMatrix().report(classNames);
  }
}
