package dev.layerwise.metrics;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Counts of (true class, predicted class) pairs over a pass, rows true and columns predicted as in scikit-learn's
 * {@code confusion_matrix}: entry [t][p] is how many rows of class t were predicted as p, so the diagonal holds
 * the right ones. {@code evaluate} returns one for single-label classifiers: categorical models (C classes, the
 * predicted class the argmax of each row) and models with one sigmoid unit (2 classes, 0 and 1, positive above
 * 0.5). Immutable.
 */
public final class ConfusionMatrix {
  private final long[][] counts;

  private ConfusionMatrix(long[][] counts) {
    this.counts = counts;
  }

  /** A matrix of the given counts, {@code counts[true][predicted]}, square, every count ≥ 0 (copied). */
  public static ConfusionMatrix of(long[][] counts) {
    checkArgument(counts.length >= 2, "ConfusionMatrix: needs at least 2 classes, got %s", counts.length);
    long[][] copy = new long[counts.length][];
    for (int t = 0; t < counts.length; t++) {
      checkArgument(counts[t].length == counts.length, "ConfusionMatrix: row %s has %s counts; a matrix of %s"
          + " classes is square", t, counts[t].length, counts.length);
      for (long c : counts[t]) {
        checkArgument(c >= 0, "ConfusionMatrix: counts must be non-negative, got %s in row %s", c, t);
      }
      copy[t] = counts[t].clone();
    }
    return new ConfusionMatrix(copy);
  }

  public int classes() {
    return counts.length;
  }

  /** How many rows of class {@code trueClass} were predicted as {@code predictedClass}. */
  public long count(int trueClass, int predictedClass) {
    return counts[trueClass][predictedClass];
  }

  /** Every count, {@code [true][predicted]} (a copy). */
  public long[][] counts() {
    long[][] copy = new long[counts.length][];
    for (int t = 0; t < counts.length; t++) {
      copy[t] = counts[t].clone();
    }
    return copy;
  }

  public long total() {
    return Arrays.stream(counts).flatMapToLong(Arrays::stream).sum();
  }

  /** The share on the diagonal; NaN for an empty matrix. */
  public double accuracy() {
    long right = 0;
    for (int c = 0; c < counts.length; c++) {
      right += counts[c][c];
    }
    long total = total();
    return total == 0 ? Double.NaN : (double) right / total;
  }

  /** Per-class precision, recall, F1 and support, with the averages; classes named 0, 1, …. */
  public ClassificationReport report() {
    List<String> names = new ArrayList<>();
    for (int c = 0; c < classes(); c++) {
      names.add(Integer.toString(c));
    }
    return report(names);
  }

  /** The report with the classes named (Fashion-MNIST's "T-shirt/top", …), one name per class. */
  public ClassificationReport report(List<String> classNames) {
    checkArgument(classNames.size() == classes(), "report: %s class names for %s classes", classNames.size(),
        classes());
    return ClassificationReport.of(classNames, classCounts(), accuracy());
  }

  ClassCounts classCounts() {
    int k = classes();
    long[] tp = new long[k];
    long[] fp = new long[k];
    long[] fn = new long[k];
    for (int t = 0; t < k; t++) {
      for (int p = 0; p < k; p++) {
        if (t == p) {
          tp[t] += counts[t][p];
        } else {
          fn[t] += counts[t][p];
          fp[p] += counts[t][p];
        }
      }
    }
    return new ClassCounts(tp, fp, fn);
  }

  /** The matrix as a grid: a header of predicted classes, one line per true class. */
  @Override
  public String toString() {
    int width = Math.max(Long.toString(Arrays.stream(counts).flatMapToLong(Arrays::stream).max().orElse(0))
        .length(), Integer.toString(classes() - 1).length());
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%" + (width + 8) + "s", "predicted"));
    for (int p = 0; p < classes(); p++) {
      b.append(String.format(Locale.ROOT, " %" + width + "d", p));
    }
    b.append('\n');
    for (int t = 0; t < classes(); t++) {
      b.append(String.format(Locale.ROOT, "true %" + (width + 3) + "d", t));
      for (int p = 0; p < classes(); p++) {
        b.append(String.format(Locale.ROOT, " %" + width + "d", counts[t][p]));
      }
      b.append('\n');
    }
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfusionMatrix m && Arrays.deepEquals(counts, m.counts);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(counts);
  }
}
