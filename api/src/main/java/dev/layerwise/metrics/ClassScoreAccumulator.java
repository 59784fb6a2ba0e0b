package dev.layerwise.metrics;

import static com.google.common.base.Preconditions.checkArgument;

/** Precision, recall or F1 of one class or averaged, over per-class counts. */
final class ClassScoreAccumulator implements MetricAccumulator {
  private final String key;
  private final ClassCounts.Score score;
  private final Averaging average;
  private final int classId;
  private final double threshold;
  private final Readout readout;
  private final ClassCounts counts;
  private long samples;

  ClassScoreAccumulator(String key, ClassCounts.Score score, Averaging average, int classId, double threshold,
      Readout readout) {
    this.key = key;
    this.score = score;
    this.average = average;
    this.classId = classId;
    this.threshold = threshold;
    this.readout = readout;
    this.counts = new ClassCounts(readout.classes());
  }

  @Override
  public void update(float[] outputs, float[] labels, int n) {
    Decisions.checkBuffers(key, readout, outputs, labels, n);
    counts.update(readout, threshold, outputs, labels, n);
    samples += n;
  }

  @Override
  public double result() {
    if (samples == 0) {
      return Double.NaN;
    }
    return classId == Metric.ALL_CLASSES ? counts.score(score, average) : counts.score(score, classId);
  }

  @Override
  public void merge(MetricAccumulator other) {
    checkArgument(other instanceof ClassScoreAccumulator c && c.key.equals(key) && c.score == score
        && c.threshold == threshold && c.readout.equals(readout), "%s: cannot merge %s", key, other);
    counts.add(((ClassScoreAccumulator) other).counts);
    samples += ((ClassScoreAccumulator) other).samples;
  }
}
