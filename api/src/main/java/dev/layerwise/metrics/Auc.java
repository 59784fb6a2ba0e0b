package dev.layerwise.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * Area under the ROC or the precision–recall curve, computed as Keras's {@code AUC} does — the thresholded
 * approximation, not the exact area: the predicted probabilities are counted into {@code numThresholds} evenly
 * spaced thresholds ({@code −ε, 1/(n−1), …, (n−2)/(n−1), 1+ε}; positive above a threshold), which gives
 * TP, FP, TN, FN per threshold in constant memory, and the curve through those points is integrated with Keras's
 * default {@code summation_method="interpolation"}: trapezoids for ROC, Davis &amp; Goadrich's interpolation for
 * PR. Values therefore match Keras's (the same float32 bucketing). The ROC value differs from the exact area
 * (scikit-learn's {@code roc_auc_score}) only through positive–negative pairs whose probabilities fall into the same
 * bucket, each of which it counts as half right: by at most half their share of all pairs (about 1/(2n) of them for
 * probabilities spread evenly over [0, 1]). More thresholds (16 bytes each) tighten it.
 *
 * <p>Every output value with its label is one point (Keras's default {@code multi_label=False}): sigmoid outputs
 * as they are, categorical models as one-vs-rest over every class (sparse labels become one-hot). Probabilities are
 * the outputs, or their sigmoid (binary) or softmax (categorical) for a model trained from logits; a label counts
 * as positive above 0.5 (Keras: any non-zero label). Hinge scores and regression outputs have no probabilities:
 * refused. Key {@code "auc"} for ROC, {@code "pr_auc"} for PR (Keras names both {@code "auc"} unless given a name).
 *
 * @param numThresholds n &gt; 1, Keras's default 200
 */
public record Auc(Curve curve, int numThresholds) implements Metric {
  /** Keras's default number of thresholds. */
  public static final int DEFAULT_THRESHOLDS = 200;

  /** Which curve's area. */
  public enum Curve {
    /** True-positive rate against false-positive rate. */
    ROC,
    /** Precision against recall. */
    PR
  }

  public Auc {
    requireNonNull(curve, "Auc: curve");
    checkArgument(numThresholds > 1, "Auc: numThresholds must be greater than 1, got %s", numThresholds);
  }

  public Auc withCurve(Curve curve) {
    return new Auc(curve, numThresholds);
  }

  public Auc withNumThresholds(int numThresholds) {
    return new Auc(curve, numThresholds);
  }

  @Override
  public String key() {
    return curve == Curve.ROC ? "auc" : "pr_auc";
  }

  @Override
  public MetricAccumulator accumulator(Readout readout) {
    checkArgument(readout.hasProbabilities(), "%s ranks predicted probabilities, and %s has none (a cross-entropy"
        + " or kl_divergence loss gives them)", key(), readout.describe());
    return new AucAccumulator(curve, numThresholds, readout);
  }
}
