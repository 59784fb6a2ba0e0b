package dev.layerwise.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.TrainingState;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.TensorValue;
import dev.layerwise.testing.ZipEdit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive's guarantees: what it writes reads back, anything damaged or foreign is refused, saves are atomic. */
class ModelArchiveTest {
  @TempDir Path dir;

  @AfterEach
  void resetHook() {
    ModelArchive.afterEntry = name -> {};
  }

  private static final Sequential MODEL = Sequential.of(Input.shape(4),
      Dense.units(5).withActivation(ActivationFn.RELU), BatchNormalization.create(), Dense.units(2)).withSeed(7);
  private static final TrainingConfig TRAINING = TrainingConfig.of(Optimizer.adam(0.01),
      Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY);

  /** Contents with distinct values everywhere: weights in float64 (0.1 steps) or float32, slots, state. */
  static ArchiveContents contents(double offset) {
    Map<String, TensorValue> weights = new LinkedHashMap<>();
    Map<String, TensorValue> slots = new LinkedHashMap<>();
    int[] k = {0};
    MODEL.spec().weightSpecs().forEach((name, w) -> {
      double[] d = new double[w.shape().size()];
      for (int i = 0; i < d.length; i++) {
        d[i] = offset + 0.1 * (k[0] * 100 + i);
      }
      weights.put(name, new TensorValue(w.shape(), d));
      if (w.trainable()) {
        slots.put(name + "/m", TensorValue.filled(w.shape(), -offset - k[0]));
        slots.put(name + "/v", TensorValue.filled(w.shape(), 0.5 + k[0]));
      }
      k[0]++;
    });
    return new ArchiveContents(MODEL, TRAINING, weights, slots, new TrainingState(40 + (long) offset, 3),
        Map.of("backend", "fake", "note", "offset " + offset));
  }

  private Path saved(String name, double offset) {
    Path file = dir.resolve(name);
    ModelArchive.write(contents(offset), file);
    return file;
  }

  static void assertSameContents(ArchiveContents expected, ArchiveContents actual) {
    assertEquals(expected.model().spec(), actual.model().spec());
    assertEquals(expected.model().seed(), actual.model().seed());
    assertEquals(expected.training(), actual.training());
    assertEquals(expected.weights(), actual.weights());
    assertEquals(expected.slots(), actual.slots());
    assertEquals(expected.state(), actual.state());
    assertEquals(expected.receipt(), actual.receipt());
  }

  /** The names of the archive's entries, in order. */
  private static List<String> entryNames(Path zip) throws IOException {
    List<String> names = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        names.add(e.getName());
      }
    }
    return names;
  }

  /**
   * A copy of {@code src} with each entry passed through {@code edit} (return null to drop it), then {@code extra}
   * entries appended.
   */
  private Path rewrite(Path src, String name, BiFunction<String, byte[], byte[]> edit, Map<String, byte[]> extra) {
    return ZipEdit.rewrite(src, dir.resolve(name), edit, extra);
  }

  /** A copy whose layerwise.json is changed by {@code edit}. */
  private Path withIndex(Path src, String name, java.util.function.Consumer<Map<String, Object>> edit) {
    return withIndex(src, dir.resolve(name), edit);
  }

  /** A copy at {@code out} whose layerwise.json is changed by {@code edit}. */
  @SuppressWarnings("unchecked")
  static Path withIndex(Path src, Path out, java.util.function.Consumer<Map<String, Object>> edit) {
    return ZipEdit.rewrite(src, out, (entry, b) -> {
      if (!entry.equals(ModelArchive.INDEX)) {
        return b;
      }
      Map<String, Object> index = (Map<String, Object>) Json.parse(new String(b, StandardCharsets.UTF_8));
      edit.accept(index);
      return Json.write(index).getBytes(StandardCharsets.UTF_8);
    }, Map.of());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> obj(Map<String, Object> m, String key) {
    return (Map<String, Object>) m.get(key);
  }

  static IllegalArgumentException refused(Path file, String... problems) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelArchive.read(file));
    assertTrue(e.getMessage().contains(file.toString()), "the message should name " + file + ": " + e.getMessage());
    for (String p : problems) {
      assertTrue(e.getMessage().contains(p), "expected '" + p + "' in: " + e.getMessage());
    }
    return e;
  }

  @Test
  void whatIsWrittenReadsBackExactly() throws IOException {
    Path file = saved("a.layerwise", 0);
    assertSameContents(contents(0), ModelArchive.read(file));
    List<String> names = entryNames(file);
    assertEquals(ModelArchive.INDEX, names.get(0));
    assertEquals(1 + 8 + 2 * 6, names.size(), "" + names); // index, 8 weights (BN: 4), m and v of 6 trainable
    assertTrue(names.contains("weights/dense/kernel.npy") && names.contains("slots/dense_1/bias/v.npy"), "" + names);
    assertTrue(names.contains("weights/batch_normalization/moving_variance.npy"), "" + names);
  }

  @Test
  void aMissingFileOrAFolderIsNotFound() {
    Path missing = dir.resolve("nope.layerwise");
    assertEquals("model archive not found: " + missing, refused(missing).getMessage());
    assertEquals("model archive not found: " + dir, refused(dir).getMessage());
  }

  @Test
  void aFileThatIsNotAZipIsRefused() throws IOException {
    Path text = Files.writeString(dir.resolve("text.layerwise"), "{\"format\": \"layerwise-model\"}\n");
    refused(text, "is not a model archive");
    refused(Files.write(dir.resolve("empty.layerwise"), new byte[0]), "is not a model archive");
    Path otherZip = rewrite(saved("a.layerwise", 0), "other.zip", (n, b) -> null, Map.of("readme.txt", new byte[3]));
    refused(otherZip, "not a Layerwise model archive: no layerwise.json");
    Path otherFormat = withIndex(saved("b.layerwise", 0), "fmt.layerwise", i -> i.put("format", "keras"));
    refused(otherFormat, "not a Layerwise model archive (format keras)");
  }

  @Test
  void aTruncatedArchiveIsRefused() throws IOException {
    byte[] full = Files.readAllBytes(saved("a.layerwise", 0));
    for (int length : new int[] {full.length / 2, full.length - 1, 30}) {
      Path cut = Files.write(dir.resolve("cut" + length + ".layerwise"), java.util.Arrays.copyOf(full, length));
      refused(cut, "truncated or corrupt");
    }
  }

  @Test
  void anArchiveFromANewerLayerwiseSaysSo() throws IOException {
    Path newer = withIndex(saved("a.layerwise", 0), "newer.layerwise",
        i -> i.put("format_version", (long) ModelArchive.FORMAT_VERSION + 1));
    refused(newer, "written by a newer Layerwise (archive format " + (ModelArchive.FORMAT_VERSION + 1) + ")",
        "upgrade Layerwise");
    Path text = withIndex(saved("b.layerwise", 0), "v.layerwise", i -> i.put("format_version", "1"));
    refused(text, "format_version should be an integer");
  }

  @Test
  void aTensorWhoseShapeDoesNotMatchTheModelIsRefused() throws IOException {
    byte[] wrong = Npy.write(TensorValue.zeros(Shape.of(5, 4)));
    Path file = rewrite(saved("a.layerwise", 0), "shape.layerwise",
        (n, b) -> n.equals("weights/dense/kernel.npy") ? wrong : b, Map.of());
    refused(file, "entry weights/dense/kernel.npy has shape [5, 4], but the model's dense/kernel has shape [4, 5]");
    byte[] wrongSlot = Npy.write(TensorValue.zeros(Shape.of(3)));
    Path slot = rewrite(saved("b.layerwise", 0), "slot.layerwise",
        (n, b) -> n.equals("slots/dense_1/bias/m.npy") ? wrongSlot : b, Map.of());
    refused(slot, "entry slots/dense_1/bias/m.npy has shape [3], but the model's dense_1/bias/m has shape [2]");
    Path garbage = rewrite(saved("c.layerwise", 0), "garbage.layerwise",
        (n, b) -> n.equals("weights/dense/bias.npy") ? "not numpy".getBytes(StandardCharsets.US_ASCII) : b, Map.of());
    refused(garbage, "garbage.layerwise!weights/dense/bias.npy: not a .npy file");
  }

  @Test
  void missingOrExtraTensorsAreRefused() throws IOException {
    Path a = saved("a.layerwise", 0);
    Path unlisted = withIndex(a, "unlisted.layerwise", i -> obj(i, "weights").remove("dense/bias"));
    refused(unlisted, "the archive's weights", "do not match the model's", "dense/bias");
    Path noEntry = rewrite(a, "noentry.layerwise", (n, b) -> n.equals("weights/dense/bias.npy") ? null : b, Map.of());
    refused(noEntry, "entry weights/dense/bias.npy for dense/bias is missing");
    Path extra = withIndex(a, "extra.layerwise", i -> obj(i, "weights").put("dense/extra",
        Map.of("entry", "weights/dense/extra.npy", "shape", List.of(5L))));
    refused(extra, "the archive's weights", "dense/extra", "do not match the model's");
    Path extraSlot = withIndex(a, "extraslot.layerwise", i -> obj(i, "slots").put("dense/kernel/momentum",
        Map.of("entry", "slots/dense/kernel/m.npy", "shape", List.of(4L, 5L))));
    refused(extraSlot, "the archive's slots", "dense/kernel/momentum");
    // slots for another optimizer: an archive claiming SGD (no slots) with Adam's slots
    Path sgd = withIndex(a, "sgd.layerwise", i -> obj(obj(obj(i, "training"), "config"), "optimizer")
        .putAll(Map.of("class_name", "Sgd", "config", Map.of("learningRate", Map.of("class_name",
            "ConstantLearningRate", "config", Map.of("learningRate", 0.1)), "momentum", 0.0, "nesterov", false,
            "clipping", Map.of("class_name", "GradientClipping", "config", Map.of("kind", "NONE",
                "threshold", "NaN"))))));
    refused(sgd, "the archive's slots", "do not match the model's []");
  }

  @Test
  void entryNamesThatEscapeTheArchiveAreRefused() throws IOException {
    Path a = saved("a.layerwise", 0);
    int i = 0;
    for (String evil : List.of("../evil.npy", "weights/../../evil.npy", "/etc/x", "\\windows\\x", "weights\\x.npy",
        "C:/x", "..")) {
      Path file = rewrite(a, "slip" + i++ + ".layerwise", (n, b) -> b, Map.of(evil, new byte[] {1}));
      refused(file, "entry '" + evil + "' points outside the archive");
    }
    Path pointed = rewrite(a, "pointed.layerwise", (n, b) -> b, Map.of("../w.npy", Files.readAllBytes(a)));
    refused(pointed, "'../w.npy'");
  }

  @Test
  void badJsonOrABadLayerInTheIndexNamesTheFile() throws IOException {
    Path a = saved("a.layerwise", 0);
    Path notJson = rewrite(a, "json.layerwise",
        (n, b) -> n.equals(ModelArchive.INDEX) ? "{\"format\": ".getBytes(StandardCharsets.UTF_8) : b, Map.of());
    refused(notJson, "malformed JSON at character 11");
    Path badUnits = withIndex(a, "units.layerwise", idx -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> dense = (Map<String, Object>) ((List<?>) obj(idx, "model").get("layers")).get(1);
      obj(dense, "config").put("units", -1L);
    });
    refused(badUnits, "model.layers[1]: Dense 'dense': units must be positive, got -1");
    Path noLayers = withIndex(a, "nolayers.layerwise", idx -> obj(idx, "model").remove("layers"));
    refused(noLayers, "model.layers should be a list");
    Path badState = withIndex(a, "state.layerwise", idx -> idx.put("state", Map.of("iterations", -1L, "epochs", 2L)));
    refused(badState, "TrainingState: iterations and epochs must be ≥ 0");
  }

  @Test
  void aSaveIntoAFolderThatDoesNotExistCreatesIt() {
    Path file = dir.resolve("runs/2024/model.layerwise");
    ModelArchive.write(contents(0), file);
    assertSameContents(contents(0), ModelArchive.read(file));
  }

  @Test
  void aSaveReplacesThePreviousFileAndLeavesNoTemporaryFiles() throws IOException {
    Path file = saved("model.layerwise", 0);
    ModelArchive.write(contents(5), file);
    assertSameContents(contents(5), ModelArchive.read(file));
    assertEquals(List.of(file), list(dir));
  }

  private static List<Path> list(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.sorted().toList();
    }
  }

  @Test
  void aSaveInterruptedAtAnyEntryLeavesThePreviousFileIntactAndNoTemporaryFiles() throws IOException {
    Path file = saved("model.layerwise", 0);
    byte[] before = Files.readAllBytes(file);
    List<String> entries = entryNames(file);
    Random random = new Random(2024);
    List<Integer> points = new ArrayList<>(List.of(0, entries.size() - 1));
    for (int i = 0; i < 4; i++) {
      points.add(1 + random.nextInt(entries.size() - 2));
    }
    for (int point : points) {
      String crashAt = entries.get(point);
      List<String> written = new ArrayList<>();
      RuntimeException crash = new IllegalStateException("simulated crash after " + crashAt);
      ModelArchive.afterEntry = name -> {
        written.add(name);
        if (name.equals(crashAt)) {
          throw crash;
        }
      };
      RuntimeException e = assertThrows(RuntimeException.class, () -> ModelArchive.write(contents(9), file));
      assertSame(crash, e, "the crash propagates as it was");
      assertEquals(entries.subList(0, point + 1), written, "entries are written in the same order");
      assertArrayEquals(before, Files.readAllBytes(file), "the previous archive changed (crash at " + crashAt + ")");
      assertEquals(List.of(file), list(dir), "temporary files left behind (crash at " + crashAt + ")");
      assertSameContents(contents(0), ModelArchive.read(file));
    }
  }

  @Test
  void aFailingSaveLeavesThePreviousFileAsItWas() throws IOException {
    Path file = saved("model.layerwise", 0);
    byte[] before = Files.readAllBytes(file);
    // a model without a seed cannot be saved
    ArchiveContents noSeed = new ArchiveContents(Sequential.of(MODEL.layers()), TRAINING, contents(1).weights(),
        contents(1).slots(), TrainingState.START, Map.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelArchive.write(noSeed, file));
    assertTrue(e.getMessage().contains("seed"), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file));
    assertEquals(List.of(file), list(dir));

    // a target that is a non-empty folder: an I/O error naming the target, the folder untouched
    Path folder = Files.createDirectories(dir.resolve("folder.layerwise"));
    Files.writeString(folder.resolve("keep.txt"), "keep");
    UncheckedIOException io = assertThrows(UncheckedIOException.class, () -> ModelArchive.write(contents(1), folder));
    assertTrue(io.getMessage().contains(folder.toString()), io.getMessage());
    assertEquals("keep", Files.readString(folder.resolve("keep.txt")));
    assertEquals(List.of(folder, file), list(dir));

    // a parent that is a file
    Path under = file.resolve("child.layerwise");
    io = assertThrows(UncheckedIOException.class, () -> ModelArchive.write(contents(1), under));
    assertTrue(io.getMessage().contains(under.toString()), io.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file));
  }
}
