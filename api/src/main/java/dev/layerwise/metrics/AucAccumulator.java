package dev.layerwise.metrics;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Keras's AUC bookkeeping: each (probability, label) point goes to bucket
 * {@code b = max(⌈p·(n−1)⌉ − 1, 0)} of p clipped to [0, 1] (computed in float32, as Keras's TF graph does), so that
 * it is predicted positive at threshold i exactly when {@code b ≥ i}. {@code TP_i} is then the number of positive
 * points in buckets ≥ i, {@code FP_i} the negatives there, {@code FN_i = P − TP_i} and {@code TN_i = N − FP_i}.
 *
 * <ul>
 *   <li>ROC: {@code Σ_i (FPR_i − FPR_{i+1}) · (TPR_i + TPR_{i+1}) / 2}, with
 *       {@code TPR = TP/(TP + FN)} and {@code FPR = FP/(FP + TN)}, 0 over an empty denominator
 *   <li>PR (Davis &amp; Goadrich): between thresholds A = i+1 and B = i, with predicted positives {@code P = TP + FP}
 *       growing linearly, precision is {@code (TP_A + s (P − P_A)) / P} with slope {@code s = ΔTP/ΔP}, whose
 *       integral over recall is {@code s (ΔTP + (TP_A − s P_A) ln(P_B / P_A)) / (TP_A + FN_A)}, the log term
 *       dropped where P_A or P_B is 0
 * </ul>
 */
final class AucAccumulator implements MetricAccumulator {
  private final Auc.Curve curve;
  private final int n;
  private final Readout readout;
  private final long[] positives;
  private final long[] negatives;

  AucAccumulator(Auc.Curve curve, int numThresholds, Readout readout) {
    this.curve = curve;
    this.n = numThresholds;
    this.readout = readout;
    this.positives = new long[numThresholds];
    this.negatives = new long[numThresholds];
  }

  @Override
  public void update(float[] outputs, float[] labels, int count) {
    Decisions.checkBuffers(curve == Auc.Curve.ROC ? "auc" : "pr_auc", readout, outputs, labels, count);
    int k = readout.classes();
    for (int i = 0; i < count; i++) {
      double[] p = Decisions.probabilities(readout, outputs, i);
      for (int row = 0; row < readout.rows(); row++) {
        int truth = readout.kind() == Readout.Kind.CATEGORICAL ? Decisions.trueClass(readout, labels, i, row) : -1;
        for (int c = 0; c < k; c++) {
          int j = row * k + c;
          boolean positive = truth >= 0 ? c == truth : Decisions.positiveLabel(labels[i * readout.labelSize() + j]);
          (positive ? positives : negatives)[bucket(p[j])]++;
        }
      }
    }
  }

  private int bucket(double probability) {
    float p = (float) Math.min(Math.max(probability, 0), 1);
    float scaled = p * (n - 1); // float32 product, as Keras's graph
    return Math.max((int) Math.ceil(scaled) - 1, 0);
  }

  @Override
  public double result() {
    long[] tp = suffixSums(positives);
    long[] fp = suffixSums(negatives);
    long pos = tp[0];
    long neg = fp[0];
    if (pos + neg == 0) {
      return Double.NaN;
    }
    double area = 0;
    for (int i = 0; i + 1 < n; i++) {
      if (curve == Auc.Curve.ROC) {
        double width = ratio(fp[i], neg) - ratio(fp[i + 1], neg);
        area += width * (ratio(tp[i], pos) + ratio(tp[i + 1], pos)) / 2;
      } else {
        area += prSlice(tp[i + 1], fp[i + 1], tp[i], fp[i], pos);
      }
    }
    return area;
  }

  /** The PR area between threshold A (higher, fewer predicted positives) and B = the next lower one. */
  private static double prSlice(long tpA, long fpA, long tpB, long fpB, long pos) {
    long dtp = tpB - tpA;
    long pA = tpA + fpA;
    long pB = tpB + fpB;
    double slope = ratio(dtp, pB - pA);
    double intercept = tpA - slope * pA;
    double logRatio = pA > 0 && pB > 0 ? Math.log((double) pB / pA) : 0;
    return ratio(slope * (dtp + intercept * logRatio), pos);
  }

  private static double ratio(double a, double b) {
    return b == 0 ? 0 : a / b;
  }

  private static long[] suffixSums(long[] buckets) {
    long[] s = new long[buckets.length];
    long run = 0;
    for (int i = buckets.length - 1; i >= 0; i--) {
      run += buckets[i];
      s[i] = run;
    }
    return s;
  }

  @Override
  public void merge(MetricAccumulator other) {
    checkArgument(other instanceof AucAccumulator a && a.curve == curve && a.n == n && a.readout.equals(readout),
        "auc(%s, %s thresholds): cannot merge %s", curve, n, other);
    AucAccumulator a = (AucAccumulator) other;
    for (int i = 0; i < n; i++) {
      positives[i] += a.positives[i];
      negatives[i] += a.negatives[i];
    }
  }
}
