package dev.layerwise.metrics;

/**
 * A quality measure reported during training and evaluation, under a key named as Keras names it in
 * {@code History} ({@code "accuracy"}, {@code "top_k_categorical_accuracy"}, {@code "precision"}, {@code "auc"},
 * …). Metrics are computed in Java from the model's outputs, so they are the same on every backend. How a metric
 * reads outputs and labels follows from the loss ({@link Readout}); a metric that does not fit the model (top-k of a
 * regression, k above the number of classes, AUC of hinge scores) is refused at compile time.
 *
 * <p>{@link #ACCURACY} is Keras's {@code "accuracy"}, whose meaning follows from the loss:
 * <ul>
 *   <li>sparse categorical cross-entropy: {@code argmax(p) == label}
 *   <li>categorical cross-entropy, KL divergence, categorical hinge: {@code argmax(p) == argmax(y)}, per row
 *   <li>binary cross-entropy: {@code (p > 0.5) == (y > 0.5)} per output, with threshold 0 on logits
 *   <li>mean squared error, mean absolute error, Huber: {@code p == y} exactly, per output
 * </ul>
 *
 * <p>The others are built with the factories below ({@code Metric.topK(5)}, {@code Metric.precision()},
 * {@code Metric.auc().withCurve(Auc.Curve.PR)}, …); each record's javadoc gives its formula, its key and where it
 * differs from Keras. Two metrics with the same key in one model are refused.
 */
public sealed interface Metric permits Accuracy, BinaryAccuracy, TopKCategoricalAccuracy, Precision, Recall,
    F1Score, Auc, MeanAbsoluteErrorMetric, RootMeanSquaredError {

  /**
   * Keras's {@code "accuracy"}. Typed {@code Metric}, as the enum constant it replaces was, so code compiled against
   * the enum still links.
   */
  Metric ACCURACY = new Accuracy();

  /** {@code classId} of a class metric that averages over all classes. */
  int ALL_CLASSES = -1;

  /** The key under which {@code History} and {@code Evaluation} report it ({@code "accuracy"}). */
  String key();

  /**
   * A fresh accumulator of this metric for a model read as {@code readout}.
   *
   * @throws IllegalArgumentException when the metric does not apply to such a model, naming what it needs
   */
  MetricAccumulator accumulator(Readout readout);

  /** Keras's {@code TopKCategoricalAccuracy(k)} (and its sparse twin): whether the true class is among the top k. */
  static TopKCategoricalAccuracy topK(int k) {
    return new TopKCategoricalAccuracy(k);
  }

  /** Keras's {@code BinaryAccuracy()}: threshold 0.5. */
  static BinaryAccuracy binaryAccuracy() {
    return new BinaryAccuracy(BinaryAccuracy.DEFAULT_THRESHOLD);
  }

  /** Precision averaged over the classes (macro); see {@link Precision}. */
  static Precision precision() {
    return new Precision(Averaging.MACRO, ALL_CLASSES, ClassMetrics.DEFAULT_THRESHOLD);
  }

  /** Recall averaged over the classes (macro); see {@link Recall}. */
  static Recall recall() {
    return new Recall(Averaging.MACRO, ALL_CLASSES, ClassMetrics.DEFAULT_THRESHOLD);
  }

  /** F1 averaged over the classes (macro); see {@link F1Score}. */
  static F1Score f1Score() {
    return new F1Score(Averaging.MACRO, ALL_CLASSES, ClassMetrics.DEFAULT_THRESHOLD);
  }

  /** Keras's {@code AUC()}: ROC, 200 thresholds, interpolated; see {@link Auc}. */
  static Auc auc() {
    return new Auc(Auc.Curve.ROC, Auc.DEFAULT_THRESHOLDS);
  }

  /** Keras's {@code MeanAbsoluteError()} metric. */
  static MeanAbsoluteErrorMetric meanAbsoluteError() {
    return new MeanAbsoluteErrorMetric();
  }

  /** Keras's {@code RootMeanSquaredError()}. */
  static RootMeanSquaredError rootMeanSquaredError() {
    return new RootMeanSquaredError();
  }
}
