package dev.layerwise.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.CallbackState;
import dev.layerwise.CompiledModel;
import dev.layerwise.NdValue;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.testing.FakeBackend;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Callback states in the archive: written only when there are some (so other archives keep their bytes), read back
 * as written, and a state naming a tensor that is not one of the model's weights is refused.
 */
class ArchiveCallbackStatesTest {
  @TempDir Path dir;

  private static ArchiveContents contents(List<CallbackState> states) {
    try (CompiledModel m = Sequential.of(Input.shape(2), Dense.units(1)).withSeed(4).compile(new FakeBackend(),
        Optimizer.sgd(0.1), Loss.meanSquaredError())) {
      ArchiveContents c = m.contents();
      return new ArchiveContents(c.model(), c.training(), c.weights(), c.slots(), c.state(), c.receipt(), states);
    }
  }

  private static CallbackState early() {
    Map<String, NdValue> best = new LinkedHashMap<>();
    best.put("dense/kernel", NdValue.of(Shape.of(2, 1), 0.5, -1.25));
    best.put("dense/bias", NdValue.of(Shape.of(1), 0.1));
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("wait", 2.0);
    values.put("best", 0.41);
    return new CallbackState("EarlyStopping(val_loss)", values, best);
  }

  @Test
  void statesGoInAndComeOutAsTheyWere() {
    CallbackState plateau = CallbackState.of("ReduceLROnPlateau(val_loss)", Map.of("scale", 0.25));
    Path file = dir.resolve("m.layerwise");
    ModelArchive.write(contents(List.of(early(), plateau)), file);
    List<CallbackState> read = ModelArchive.read(file).callbacks();
    assertEquals(List.of(early(), plateau), read);
  }

  @Test
  void anArchiveWithoutStatesHasNoCallbacksEntry() throws IOException {
    Path file = dir.resolve("m.layerwise");
    ModelArchive.write(contents(List.of()), file);
    try (ZipFile zip = new ZipFile(file.toFile())) {
      String index = new String(zip.getInputStream(zip.getEntry("layerwise.json")).readAllBytes(),
          StandardCharsets.UTF_8);
      assertFalse(index.contains("callbacks"), index);
    }
    assertTrue(ModelArchive.read(file).callbacks().isEmpty());
    Path again = dir.resolve("again.layerwise");
    ModelArchive.write(ModelArchive.read(file), again);
    assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again), "same contents, same bytes");
  }

  @Test
  void aStateHoldingATensorTheModelDoesNotHaveIsRefused() throws IOException {
    Path file = dir.resolve("m.layerwise");
    ModelArchive.write(contents(List.of(early())), file);
    Path bad = rewrittenIndex(file, json -> {
      int at = json.indexOf("\"callbacks\"");
      return json.substring(0, at) + json.substring(at).replaceFirst("\"dense/bias\"", "\"other/bias\"");
    });
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelArchive.read(bad));
    assertTrue(e.getMessage().contains("callbacks[0] (EarlyStopping(val_loss)) holds 'other/bias'"), e.getMessage());
    assertTrue(e.getMessage().contains("a callback state may hold only the model's weights [dense/kernel,"
        + " dense/bias]"), e.getMessage());
  }

  /** A copy of {@code file} with its index changed by {@code edit} (which must change it). */
  private Path rewrittenIndex(Path file, UnaryOperator<String> edit) throws IOException {
    Path out = dir.resolve("edited.layerwise");
    try (ZipFile zip = new ZipFile(file.toFile()); OutputStream os = Files.newOutputStream(out);
        ZipOutputStream z = new ZipOutputStream(os)) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        byte[] b = zip.getInputStream(e).readAllBytes();
        if (e.getName().equals("layerwise.json")) {
          String before = new String(b, StandardCharsets.UTF_8);
          String after = edit.apply(before);
          assertFalse(before.equals(after), "the edit changes the index: " + before);
          b = after.getBytes(StandardCharsets.UTF_8);
        }
        z.putNextEntry(new ZipEntry(e.getName()));
        z.write(b);
        z.closeEntry();
      }
    }
    return out;
  }
}
