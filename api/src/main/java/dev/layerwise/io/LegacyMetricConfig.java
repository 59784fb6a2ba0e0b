package dev.layerwise.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the metrics of an archive saved while {@code Metric} was an enum: its only constant, {@code "ACCURACY"},
 * stored as a bare name, becomes the record form every metric has now ({@code {"class_name": "Accuracy",
 * "config": {}}}). Any other name is left alone, for the codec to refuse naming the path.
 */
final class LegacyMetricConfig {
  private LegacyMetricConfig() {}

  /** The {@code training} value of {@code layerwise.json} with bare metric names upgraded; else unchanged. */
  static Object upgrade(Object training) {
    if (!(training instanceof Map<?, ?> t) || !(t.get("config") instanceof Map<?, ?> config)
        || !(config.get("metrics") instanceof List<?> metrics) || !metrics.contains("ACCURACY")) {
      return training;
    }
    List<Object> upgraded = new ArrayList<>();
    for (Object m : metrics) {
      upgraded.add("ACCURACY".equals(m) ? Map.of("class_name", "Accuracy", "config", Map.of()) : m);
    }
    Map<String, Object> newConfig = new LinkedHashMap<>();
    config.forEach((k, v) -> newConfig.put(String.valueOf(k), v));
    newConfig.put("metrics", upgraded);
    Map<String, Object> newTraining = new LinkedHashMap<>();
    t.forEach((k, v) -> newTraining.put(String.valueOf(k), v));
    newTraining.put("config", newConfig);
    return newTraining;
  }
}
