package dev.layerwise.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.layerwise.CompiledModel;
import dev.layerwise.TrainingConfig;
import dev.layerwise.io.Json;
import dev.layerwise.io.ModelArchive;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.schedules.LearningRateSchedule;
import dev.layerwise.testing.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model archive is a function of the model: saved twice, by two compilations trained alike, with its per-output
 * settings given in another order, or in another JVM, the same model gives the same bytes once the receipt's date is
 * fixed ({@link ReproducibleSaves}) — for a Sequential (the chain format) and a graph model (the graph format).
 */
class ArchiveReproducibilityTest {
  @TempDir Path dir;

  private byte[] saved(Supplier<CompiledModel> model, String name) throws IOException {
    Path file = dir.resolve(name);
    try (CompiledModel m = model.get()) {
      ReproducibleSaves.save(m, file);
    }
    return Files.readAllBytes(file);
  }

  @Test
  void twoSavesOfOneModelGiveTheSameBytes() throws IOException {
    for (Supplier<CompiledModel> model : List.<Supplier<CompiledModel>>of(ReproducibleSaves::sequential,
        ReproducibleSaves::graph)) {
      try (CompiledModel m = model.get()) {
        Path first = dir.resolve("first.layerwise");
        Path second = dir.resolve("second.layerwise");
        ReproducibleSaves.save(m, first);
        ReproducibleSaves.save(m, second);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second), m.model().name());
      }
      // and a second compilation of the same model, trained alike
      assertArrayEquals(saved(model, "a.layerwise"), saved(model, "b.layerwise"));
    }
  }

  @Test
  void perOutputSettingsGivenInAnotherOrderGiveTheSameBytes() throws IOException {
    Map<String, Loss> classFirst = new LinkedHashMap<>();
    classFirst.put("class", Loss.sparseCategoricalCrossentropy().withFromLogits(true));
    classFirst.put("score", Loss.meanSquaredError());
    Map<String, Loss> scoreFirst = new LinkedHashMap<>();
    scoreFirst.put("score", classFirst.get("score"));
    scoreFirst.put("class", classFirst.get("class"));
    byte[] a = saved(() -> ReproducibleSaves.graph(config(classFirst, "score", "class")), "a.layerwise");
    byte[] b = saved(() -> ReproducibleSaves.graph(config(scoreFirst, "class", "score")), "b.layerwise");
    assertArrayEquals(a, b);
  }

  /** The losses in the given order, and the loss weights and metrics of both outputs set in the order named. */
  private static TrainingConfig config(Map<String, Loss> losses, String first, String second) {
    TrainingConfig c = TrainingConfig.of(Optimizer.adam(LearningRateSchedule.exponentialDecay(0.01, 8, 0.5)), losses);
    return c.withLossWeight(first, first.equals("score") ? 0.5 : 1.0)
        .withLossWeight(second, second.equals("score") ? 0.5 : 1.0)
        .withMetrics(first, Metric.ACCURACY).withMetrics(second, Metric.ACCURACY);
  }

  @Test
  void everyEntryIsDatedTheSameFixedTimeWithoutExtraFields() throws IOException {
    saved(ReproducibleSaves::graph, "graph.layerwise");
    try (ZipFile zip = new ZipFile(dir.resolve("graph.layerwise").toFile())) {
      List<? extends ZipEntry> entries = zip.stream().toList();
      assertEquals("layerwise.json", entries.get(0).getName());
      for (ZipEntry e : entries) {
        assertEquals(LocalDateTime.of(1980, 2, 1, 0, 0), e.getTimeLocal(), e.getName());
        // an extended timestamp (a real modification time) would be an extra field
        assertNull(e.getExtra(), e.getName());
      }
    }
  }

  /**
   * Another JVM draws another seed for the iteration order of {@code Map.of} and {@code Set.of} and saves at another
   * time: an order or a clock that leaked into the file shows here (an order of two keys about every other run).
   */
  @Test
  void anotherJvmSavesTheSameBytes() throws IOException {
    Path child = Files.createDirectory(dir.resolve("child"));
    ChildJvm.Outcome outcome = ChildJvm.run(ReproducibleSaves.class, List.of(), List.of(child.toString()), 300);
    assertEquals(0, outcome.exitCode(), outcome.describe());
    byte[] sequential = saved(ReproducibleSaves::sequential, ReproducibleSaves.SEQUENTIAL);
    byte[] graph = saved(ReproducibleSaves::graph, ReproducibleSaves.GRAPH);
    assertArrayEquals(sequential, Files.readAllBytes(child.resolve(ReproducibleSaves.SEQUENTIAL)));
    assertArrayEquals(graph, Files.readAllBytes(child.resolve(ReproducibleSaves.GRAPH)));
    // the two formats really were both written
    assertEquals(ModelArchive.CHAIN_FORMAT_VERSION, formatVersion(ReproducibleSaves.SEQUENTIAL));
    assertEquals(ModelArchive.GRAPH_FORMAT_VERSION, formatVersion(ReproducibleSaves.GRAPH));
  }

  private long formatVersion(String name) throws IOException {
    try (ZipFile zip = new ZipFile(dir.resolve(name).toFile())) {
      String index = new String(zip.getInputStream(zip.getEntry("layerwise.json")).readAllBytes(),
          StandardCharsets.UTF_8);
      return (Long) ((Map<?, ?>) Json.parse(index)).get("format_version");
    }
  }
}
