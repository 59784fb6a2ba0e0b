package dev.layerwise.conformance.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.io.Json;
import dev.layerwise.testing.ZipEdit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sequential models behave exactly as they did before models became graphs: the same histories, weights, optimizer
 * slots, predictions and evaluations, bit for bit, on both backends, as main's code recorded them
 * ({@link SequentialBaselineRecorder}); an archive main's code saved loads and continues training to the same
 * numbers; an archive saved now holds the same tensors and the same index text, byte for byte, apart from the
 * receipt; and its
 * SavedModel has the same signatures and predicts the same numbers.
 */
class SequentialBaselineTest {

  static List<String[]> runs() {
    return SequentialBaseline.MODELS.stream().flatMap(m -> SequentialBaseline.BACKENDS.stream()
        .map(b -> new String[] {m, b})).toList();
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("runs")
  void aSequentialModelTrainsToExactlyTheRecordedNumbers(String model, String backend) {
    Object expected = recorded(model + "-" + backend + ".json");
    Object actual = Json.parse(Json.write(SequentialBaseline.run(model, backend)));
    assertEquals(expected, actual, model + " on " + backend);
  }

  @ParameterizedTest(name = "on {0}")
  @MethodSource("backends")
  void anArchiveMainSavedLoadsAsSequentialAndResumesToTheRecordedNumbers(String backend) {
    Object expected = recorded("mlp-resumed-" + backend + ".json");
    Object actual = Json.parse(Json.write(SequentialBaselineRecorder.resumed(resource("mlp.layerwise"), backend)));
    assertEquals(expected, actual);
    try (CompiledModel m = CompiledModel.load(resource("mlp.layerwise"), Backend.named(backend))) {
      assertEquals("Sequential", m.model().getClass().getSimpleName());
    }
  }

  @Test
  void aSequentialModelExportsTheSameSignaturesAndPredictions(@TempDir Path dir) {
    Object expected = recorded("mlp-savedmodel.json");
    Object actual = Json.parse(Json.write(SequentialBaselineRecorder.savedModel(resource("mlp.layerwise"), dir)));
    assertEquals(expected, actual);
  }

  static List<String> backends() {
    return SequentialBaseline.BACKENDS;
  }

  @Test
  void anArchiveSavedNowHoldsTheSameBytesAsMainsApartFromTheReceipt(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("mlp.layerwise");
    try (CompiledModel m = SequentialBaseline.compile(SequentialBaseline.MLP, "reference")) {
      m.fit(SequentialBaseline.train(SequentialBaseline.MLP), SequentialBaseline.options(SequentialBaseline.MLP));
      m.save(file);
    }
    Map<String, byte[]> now = ZipEdit.entries(file);
    Map<String, byte[]> main = ZipEdit.entries(resource("mlp.layerwise"));
    assertEquals(main.keySet(), now.keySet());
    for (String name : main.keySet()) {
      if (name.equals("layerwise.json")) {
        assertEquals(withMetricRecords(withoutReceipt(main.get(name))), withoutReceipt(now.get(name)));
      } else {
        assertArrayEquals(main.get(name), now.get(name), name);
      }
    }
  }

  /**
   * The index's text up to its receipt (the date and versions of the save, its last key). Main wrote the keys of
   * {@code state} and of a tensor's entry in the order of a {@code Map.of}, which changed from one JVM to the next;
   * the order is fixed now, to the one main's recorded file holds, so the text is the same.
   */
  private static String withoutReceipt(byte[] index) {
    String text = new String(index, StandardCharsets.UTF_8);
    int receipt = text.indexOf("\n  \"receipt\": {");
    assertTrue(receipt > 0 && text.indexOf("\"receipt\"", receipt + 4) < 0, "one receipt, last: " + text);
    return text.substring(0, receipt);
  }

  /**
   * Main's index with the one deliberate change since it was recorded: metrics are written as Keras-style records
   * ({@code {"class_name": "Accuracy", "config": {}}}) since the metric catalogue grew beyond one enum; archives
   * holding the old form still load (ArchiveReader upgrades them: LegacyMetricConfigTest, and this class loads main's file).
   */
  private static String withMetricRecords(String mainIndex) {
    String old = "\"metrics\": [\"ACCURACY\"]";
    assertTrue(mainIndex.contains(old), "main's recorded index names its metric in the enum form");
    return mainIndex.replace(old, String.join("\n", "\"metrics\": [",
        "        {",
        "          \"class_name\": \"Accuracy\",",
        "          \"config\": {}",
        "        }",
        "      ]"));
  }

  private static Object recorded(String name) {
    try {
      return Json.parse(Files.readString(resource(name), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path resource(String name) {
    try {
      return Path.of(SequentialBaselineTest.class.getResource("/sequential-baseline/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource sequential-baseline/" + name, e);
    }
  }
}
