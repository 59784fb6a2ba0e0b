package dev.layerwise.metrics;

import static com.google.common.base.Preconditions.checkArgument;

/** Counts rows whose true class has fewer than k classes scoring strictly above it (Keras's {@code in_top_k}). */
final class TopKAccumulator implements MetricAccumulator {
  private final int k;
  private final Readout readout;
  private long hits;
  private long rows;

  TopKAccumulator(int k, Readout readout) {
    this.k = k;
    this.readout = readout;
  }

  @Override
  public void update(float[] outputs, float[] labels, int n) {
    Decisions.checkBuffers("top_k_categorical_accuracy", readout, outputs, labels, n);
    int c = readout.classes();
    for (int i = 0; i < n; i++) {
      for (int row = 0; row < readout.rows(); row++) {
        int off = i * readout.outputSize() + row * c;
        float target = outputs[off + Decisions.trueClass(readout, labels, i, row)];
        int above = 0;
        for (int j = off; j < off + c; j++) {
          above += outputs[j] > target ? 1 : 0;
        }
        // a NaN score for the true class is never in the top k (as Keras's JAX backend treats it)
        hits += above < k && !Float.isNaN(target) ? 1 : 0;
        rows++;
      }
    }
  }

  @Override
  public double result() {
    return rows == 0 ? Double.NaN : (double) hits / rows;
  }

  @Override
  public void merge(MetricAccumulator other) {
    checkArgument(other instanceof TopKAccumulator t && t.k == k && t.readout.equals(readout),
        "top_k_categorical_accuracy(k=%s): cannot merge %s", k, other);
    TopKAccumulator t = (TopKAccumulator) other;
    hits += t.hits;
    rows += t.rows;
  }
}
