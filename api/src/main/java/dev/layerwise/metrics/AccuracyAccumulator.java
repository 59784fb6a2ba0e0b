package dev.layerwise.metrics;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Keras's {@code "accuracy"} as the loss implies it: the share of right judgements. Categorical models make one
 * judgement per row (predicted class = true class), binary models one per output ({@code (p > 0.5) == (y > 0.5)},
 * {@code z > 0} on logits), regression models one per output (exact equality).
 */
final class AccuracyAccumulator implements MetricAccumulator {
  private final Readout readout;
  private long correct;
  private long judged;

  AccuracyAccumulator(Readout readout) {
    this.readout = readout;
  }

  @Override
  public void update(float[] outputs, float[] labels, int n) {
    Decisions.checkBuffers("accuracy", readout, outputs, labels, n);
    int k = readout.classes();
    for (int i = 0; i < n; i++) {
      for (int row = 0; row < readout.rows(); row++) {
        int off = i * readout.outputSize() + row * k;
        switch (readout.kind()) {
          case CATEGORICAL -> {
            correct += Decisions.argmax(outputs, off, k) == Decisions.trueClass(readout, labels, i, row) ? 1 : 0;
            judged++;
          }
          case BINARY -> {
            for (int j = off; j < off + k; j++) {
              correct += Decisions.above(readout, outputs[j], 0.5) == Decisions.positiveLabel(labels[j]) ? 1 : 0;
            }
            judged += k;
          }
          case REGRESSION -> {
            for (int j = off; j < off + k; j++) {
              correct += outputs[j] == labels[j] ? 1 : 0;
            }
            judged += k;
          }
        }
      }
    }
  }

  @Override
  public double result() {
    return judged == 0 ? Double.NaN : (double) correct / judged;
  }

  @Override
  public void merge(MetricAccumulator other) {
    checkArgument(other instanceof AccuracyAccumulator a && a.readout.equals(readout),
        "accuracy: cannot merge %s", other);
    AccuracyAccumulator a = (AccuracyAccumulator) other;
    correct += a.correct;
    judged += a.judged;
  }
}
