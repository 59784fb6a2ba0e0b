package dev.layerwise.metrics;

import static com.google.common.base.Preconditions.checkArgument;

/** Counts output values on the label's side of the threshold. */
final class BinaryAccuracyAccumulator implements MetricAccumulator {
  private final double threshold;
  private final Readout readout;
  private long correct;
  private long judged;

  BinaryAccuracyAccumulator(double threshold, Readout readout) {
    this.threshold = threshold;
    this.readout = readout;
  }

  @Override
  public void update(float[] outputs, float[] labels, int n) {
    Decisions.checkBuffers("binary_accuracy", readout, outputs, labels, n);
    int size = n * readout.outputSize();
    for (int j = 0; j < size; j++) {
      boolean predicted = readout.kind() == Readout.Kind.BINARY ? Decisions.above(readout, outputs[j], threshold)
          : outputs[j] > threshold;
      correct += predicted == Decisions.positiveLabel(labels[j]) ? 1 : 0;
    }
    judged += size;
  }

  @Override
  public double result() {
    return judged == 0 ? Double.NaN : (double) correct / judged;
  }

  @Override
  public void merge(MetricAccumulator other) {
    checkArgument(other instanceof BinaryAccuracyAccumulator b && b.threshold == threshold
        && b.readout.equals(readout), "binary_accuracy(threshold=%s): cannot merge %s", threshold, other);
    BinaryAccuracyAccumulator b = (BinaryAccuracyAccumulator) other;
    correct += b.correct;
    judged += b.judged;
  }
}
