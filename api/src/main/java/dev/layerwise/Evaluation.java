package dev.layerwise;

import dev.layerwise.metrics.Metric;
import java.util.Map;

/** The loss and metrics of a model on a dataset, as {@code evaluate} returns them. */
public record Evaluation(Map<String, Double> values) {
  public Evaluation {
    values = Map.copyOf(values);
  }

  public double loss() {
    return get("loss");
  }

  public double metric(Metric metric) {
    return get(metric.key());
  }

  public double get(String key) {
    Double v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("no '" + key + "' in this evaluation; present: " + values.keySet());
    }
    return v;
  }
}
