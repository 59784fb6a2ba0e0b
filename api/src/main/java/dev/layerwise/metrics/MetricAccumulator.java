package dev.layerwise.metrics;

/**
 * The running state of one metric over a pass (an epoch, an evaluation): fed batch by batch, read at the end. Every
 * accumulator keeps sufficient statistics — counts, or sums added exactly — so feeding the data in any split into
 * batches, or merging accumulators that saw parts of it, gives exactly the value of one update with all of it.
 *
 * <p>Not thread-safe: one accumulator per pass (merge the accumulators of parallel passes).
 */
public interface MetricAccumulator {

  /**
   * Adds {@code n} samples: their outputs ({@code n × readout.outputSize()} values, row-major) and labels
   * ({@code n × readout.labelSize()}); the buffers may be longer, the rest is not read.
   */
  void update(float[] outputs, float[] labels, int n);

  /** The metric over everything added so far; NaN before anything was added. */
  double result();

  /**
   * Adds what another accumulator of the same metric (same kind, same settings, same readout) has seen.
   *
   * @throws IllegalArgumentException for an accumulator of another metric or setting
   */
  void merge(MetricAccumulator other);
}
