package dev.layerwise.metrics;

/**
 * Keras's {@code RootMeanSquaredError}: {@code sqrt(Σ (p − y)² / count)} over every output value of the pass (the
 * root of the pass's mean, not a mean of batch roots). Reads raw outputs; labels must have the output's shape. Key
 * {@code "root_mean_squared_error"}.
 */
public record RootMeanSquaredError() implements Metric {
  @Override
  public String key() {
    return "root_mean_squared_error";
  }

  @Override
  public MetricAccumulator accumulator(Readout readout) {
    return ErrorAccumulator.of(key(), 2, readout);
  }
}
