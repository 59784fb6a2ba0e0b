package dev.layerwise.metrics;

import java.util.Arrays;

/**
 * A sum of doubles without rounding error until it is read: the terms are kept as a short list of non-overlapping
 * partial sums (Shewchuk's algorithm, as in Python's {@code math.fsum}), and {@link #value} rounds their exact total
 * once. The value therefore does not depend on the order of the terms or on how they were split between
 * accumulators that are merged, which is what lets the error metrics equal their one-shot value exactly.
 */
final class ExactSum {
  private double[] partials = new double[4];
  private int size;
  /** Infinities and NaNs, summed plainly: they decide the value on their own. */
  private double special;

  void add(double x) {
    if (!Double.isFinite(x)) {
      special += x;
      return;
    }
    int kept = 0;
    for (int j = 0; j < size; j++) {
      double y = partials[j];
      if (Math.abs(x) < Math.abs(y)) {
        double t = x;
        x = y;
        y = t;
      }
      double hi = x + y;
      double lo = y - (hi - x);
      if (lo != 0) {
        partials[kept++] = lo;
      }
      x = hi;
    }
    if (kept == partials.length) {
      partials = Arrays.copyOf(partials, kept * 2);
    }
    partials[kept++] = x;
    size = kept;
  }

  void addAll(ExactSum other) {
    for (int j = 0; j < other.size; j++) {
      add(other.partials[j]);
    }
    special += other.special;
  }

  /** The exact sum, rounded once to the nearest double. */
  double value() {
    if (special != 0 || Double.isNaN(special)) {
      return special;
    }
    if (size == 0) {
      return 0;
    }
    double hi = partials[size - 1];
    double lo = 0;
    int j = size - 1;
    while (j > 0) {
      double x = hi;
      double y = partials[--j];
      hi = x + y;
      lo = y - (hi - x);
      if (lo != 0) {
        break;
      }
    }
    // Round half-even on the partials below, as fsum does: a tie in hi + lo is broken by the next partial.
    if (j > 0 && ((lo < 0 && partials[j - 1] < 0) || (lo > 0 && partials[j - 1] > 0))) {
      double y = lo * 2;
      double x = hi + y;
      if (y == x - hi) {
        hi = x;
      }
    }
    return hi;
  }
}
