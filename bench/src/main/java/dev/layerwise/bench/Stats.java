package dev.layerwise.bench;

import java.util.List;

/** The summary statistics the benchmarks report. */
final class Stats {
  private Stats() {}

  /** The median: robust to the odd run a busy shared machine slows down. */
  static double median(List<Double> values) {
    double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
