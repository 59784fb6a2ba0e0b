package dev.layerwise.metrics;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The mean of {@code |p − y|} (power 1) or the root of the mean of {@code (p − y)²} (power 2) over every output
 * value, summed exactly ({@link ExactSum}) so the result does not depend on batching or merging.
 */
final class ErrorAccumulator implements MetricAccumulator {
  private final String key;
  private final int power;
  private final Readout readout;
  private final ExactSum sum = new ExactSum();
  private long count;

  private ErrorAccumulator(String key, int power, Readout readout) {
    this.key = key;
    this.power = power;
    this.readout = readout;
  }

  static ErrorAccumulator of(String key, int power, Readout readout) {
    checkArgument(!readout.sparseLabels(), "%s compares outputs with labels of the same shape; %s has class-index"
        + " labels", key, readout.describe());
    return new ErrorAccumulator(key, power, readout);
  }

  @Override
  public void update(float[] outputs, float[] labels, int n) {
    Decisions.checkBuffers(key, readout, outputs, labels, n);
    int size = n * readout.outputSize();
    for (int j = 0; j < size; j++) {
      double e = (double) outputs[j] - labels[j];
      sum.add(power == 1 ? Math.abs(e) : e * e);
    }
    count += size;
  }

  @Override
  public double result() {
    if (count == 0) {
      return Double.NaN;
    }
    double mean = sum.value() / count;
    return power == 1 ? mean : Math.sqrt(mean);
  }

  @Override
  public void merge(MetricAccumulator other) {
    checkArgument(other instanceof ErrorAccumulator e && e.key.equals(key) && e.readout.equals(readout),
        "%s: cannot merge %s", key, other);
    ErrorAccumulator e = (ErrorAccumulator) other;
    sum.addAll(e.sum);
    count += e.count;
  }
}
