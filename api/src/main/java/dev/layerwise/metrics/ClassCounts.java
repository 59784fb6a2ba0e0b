package dev.layerwise.metrics;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * Per class c: true positives TP_c, false positives FP_c and false negatives FN_c, and from them precision
 * {@code TP/(TP + FP)}, recall {@code TP/(TP + FN)} and F1 {@code 2TP/(2TP + FP + FN)} (the harmonic mean of the
 * two), each 0 where its denominator is 0 (scikit-learn's {@code zero_division=0}, Keras's {@code divide_no_nan}).
 *
 * <p>A categorical row adds TP to its true class when the prediction is right, else FP to the predicted class and
 * FN to the true one. A binary output adds to its own label's counts, positive when above the threshold.
 */
final class ClassCounts {
  /** Which score of the counts. */
  enum Score { PRECISION, RECALL, F1 }

  private final long[] tp;
  private final long[] fp;
  private final long[] fn;

  ClassCounts(int classes) {
    this(new long[classes], new long[classes], new long[classes]);
  }

  ClassCounts(long[] tp, long[] fp, long[] fn) {
    checkArgument(tp.length == fp.length && fp.length == fn.length, "ClassCounts: %s, %s and %s classes",
        tp.length, fp.length, fn.length);
    this.tp = tp;
    this.fp = fp;
    this.fn = fn;
  }

  int classes() {
    return tp.length;
  }

  /** Adds {@code n} samples read as {@code r}; binary outputs are positive above {@code threshold}. */
  void update(Readout r, double threshold, float[] outputs, float[] labels, int n) {
    int k = r.classes();
    for (int i = 0; i < n; i++) {
      for (int row = 0; row < r.rows(); row++) {
        int off = i * r.outputSize() + row * k;
        if (r.kind() == Readout.Kind.CATEGORICAL) {
          int predicted = Decisions.argmax(outputs, off, k);
          int truth = Decisions.trueClass(r, labels, i, row);
          if (predicted == truth) {
            tp[truth]++;
          } else {
            fp[predicted]++;
            fn[truth]++;
          }
          continue;
        }
        for (int c = 0; c < k; c++) {
          boolean predicted = Decisions.above(r, outputs[off + c], threshold);
          boolean positive = Decisions.positiveLabel(labels[off + c]);
          tp[c] += predicted && positive ? 1 : 0;
          fp[c] += predicted && !positive ? 1 : 0;
          fn[c] += !predicted && positive ? 1 : 0;
        }
      }
    }
  }

  void add(ClassCounts other) {
    checkArgument(other.classes() == classes(), "cannot add counts of %s classes to counts of %s", other.classes(),
        classes());
    for (int c = 0; c < classes(); c++) {
      tp[c] += other.tp[c];
      fp[c] += other.fp[c];
      fn[c] += other.fn[c];
    }
  }

  /** Rows (or output values) of class c: {@code TP_c + FN_c}. */
  long support(int c) {
    return tp[c] + fn[c];
  }

  /** One class's score. */
  double score(Score s, int c) {
    return ratio(s, tp[c], fp[c], fn[c]);
  }

  /** The classes' scores combined. */
  double score(Score s, Averaging average) {
    switch (average) {
      case MICRO:
        return ratio(s, Arrays.stream(tp).sum(), Arrays.stream(fp).sum(), Arrays.stream(fn).sum());
      case MACRO: {
        double sum = 0;
        for (int c = 0; c < classes(); c++) {
          sum += score(s, c);
        }
        return sum / classes();
      }
      default: {
        double sum = 0;
        long support = 0;
        for (int c = 0; c < classes(); c++) {
          sum += support(c) * score(s, c);
          support += support(c);
        }
        return support == 0 ? 0 : sum / support;
      }
    }
  }

  private static double ratio(Score s, long tp, long fp, long fn) {
    long denominator = switch (s) {
      case PRECISION -> tp + fp;
      case RECALL -> tp + fn;
      case F1 -> 2 * tp + fp + fn;
    };
    long numerator = s == Score.F1 ? 2 * tp : tp;
    return denominator == 0 ? 0 : (double) numerator / denominator;
  }
}
