package dev.layerwise.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.layerwise.CompiledModel;
import dev.layerwise.Sequential;
import dev.layerwise.TrainingConfig;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.testing.FakeBackend;
import dev.layerwise.testing.ZipEdit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives saved while {@code Metric} was an enum stored {@code "metrics": ["ACCURACY"]}; they still load. */
class LegacyMetricConfigTest {
  @TempDir Path dir;

  @Test
  void theBareAccuracyNameBecomesTheAccuracyRecord() {
    Object old = Map.of("class_name", "TrainingConfig", "config", Map.of(
        "optimizer", RecordCodec.toJson(Optimizer.sgd(0.1)), "loss", RecordCodec.toJson(Loss.meanSquaredError()),
        "metrics", List.of("ACCURACY"), "dtype", "FLOAT32"));
    TrainingConfig t = RecordCodec.fromJson(LegacyMetricConfig.upgrade(old), TrainingConfig.class, "training");
    assertEquals(List.of(Metric.ACCURACY), t.metrics());
  }

  @Test
  void currentConfigsAndUnknownNamesAreLeftForTheCodec() {
    Object current = RecordCodec.toJson(TrainingConfig.of(Optimizer.sgd(0.1), Loss.meanSquaredError(),
        Metric.ACCURACY, Metric.topK(2)));
    assertSame(current, LegacyMetricConfig.upgrade(current));
    Object unknown = Map.of("class_name", "TrainingConfig", "config", Map.of(
        "optimizer", RecordCodec.toJson(Optimizer.sgd(0.1)), "loss", RecordCodec.toJson(Loss.meanSquaredError()),
        "metrics", List.of("ACCURACY", "PRECISION"), "dtype", "FLOAT32"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecordCodec.fromJson(
        LegacyMetricConfig.upgrade(unknown), TrainingConfig.class, "training"));
    assertEquals("training.config.metrics[1]: expected {\"class_name\": ..., \"config\": {...}}, got 'PRECISION'",
        e.getMessage());
  }

  @Test
  void anArchiveWrittenWithTheEnumLoads() throws Exception {
    Path file = dir.resolve("m.layerwise");
    try (CompiledModel m = Sequential.of(Input.shape(2), Dense.units(1)).compile(new FakeBackend(),
        Optimizer.sgd(0.1), Loss.meanSquaredError(), Metric.ACCURACY)) {
      m.save(file);
    }
    Path old = ZipEdit.rewrite(file, dir.resolve("old.layerwise"), (name, bytes) -> !name.equals("layerwise.json")
        ? bytes : new String(bytes, StandardCharsets.UTF_8).replaceAll(
            "\\{\\s*\"class_name\": \"Accuracy\",\\s*\"config\": \\{}\\s*}", "\"ACCURACY\"")
            .getBytes(StandardCharsets.UTF_8), Map.of());
    try (CompiledModel m = CompiledModel.load(old, new FakeBackend())) {
      assertEquals(List.of(Metric.ACCURACY), m.config().metrics());
    }
  }
}
