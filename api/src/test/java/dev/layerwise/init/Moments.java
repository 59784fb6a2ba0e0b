package dev.layerwise.init;

/** Sample mean and (population) variance, for the initializer tests. */
record Moments(double mean, double variance) {
  static Moments of(double[] v) {
    double sum = 0;
    for (double d : v) {
      sum += d;
    }
    double mean = sum / v.length;
    double sq = 0;
    for (double d : v) {
      sq += (d - mean) * (d - mean);
    }
    return new Moments(mean, sq / v.length);
  }

  double stddev() {
    return Math.sqrt(variance);
  }
}
