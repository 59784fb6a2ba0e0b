package dev.layerwise.metrics;

/**
 * Keras's {@code MeanAbsoluteError} metric: {@code Σ |p − y| / count} over every output value of the pass (Keras
 * averages each sample's mean, which is the same since samples have equal sizes). Reads raw outputs, as Keras does
 * (logits stay logits); labels must have the output's shape (not class indices). Key {@code
 * "mean_absolute_error"}. Named with a suffix because the loss of the same name is {@code losses.MeanAbsoluteError}.
 */
public record MeanAbsoluteErrorMetric() implements Metric {
  @Override
  public String key() {
    return "mean_absolute_error";
  }

  @Override
  public MetricAccumulator accumulator(Readout readout) {
    return ErrorAccumulator.of(key(), 1, readout);
  }
}
