package dev.layerwise.metrics;

/** Keras's {@code "accuracy"}, meant as the loss implies ({@link Metric#ACCURACY}); key {@code "accuracy"}. */
public record Accuracy() implements Metric {
  @Override
  public String key() {
    return "accuracy";
  }

  @Override
  public MetricAccumulator accumulator(Readout readout) {
    return new AccuracyAccumulator(readout);
  }
}
