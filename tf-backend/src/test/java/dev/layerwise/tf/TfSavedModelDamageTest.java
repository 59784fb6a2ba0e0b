package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.SavedModelExport;
import dev.layerwise.Sequential;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;

/**
 * Damaged SavedModel folders: each is refused by {@link TfSavedModel#load} with the folder's path, before the
 * first prediction; none loads to fail later, none surfaces a raw TensorFlow exception.
 */
class TfSavedModelDamageTest {
  @TempDir static Path dir;
  private static Path exported;
  private static float[] expected;
  private static final float[] X = {0.5f, -1f, 2f};

  @BeforeAll
  static void export() {
    try (CompiledModel m = Sequential.of(Input.shape(3), Dense.units(2)).withSeed(4).compile(
        Backend.named("tensorflow"), Optimizer.sgd(0.1), Loss.meanSquaredError())) {
      exported = m.exportSavedModel(SavedModelExport.to(dir.resolve("good")));
      expected = m.predict(X);
    }
  }

  /** A copy of the exported folder to damage. */
  private static Path copy(String name) throws IOException {
    Path to = dir.resolve(name);
    try (Stream<Path> files = Files.walk(exported)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(exported.relativize(f).toString()));
      }
    }
    return to;
  }

  private static IllegalArgumentException refused(Path folder, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TfSavedModel.load(folder));
    assertTrue(e.getMessage().contains(folder.toString()), "the folder is not named: " + e.getMessage());
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
    }
    return e;
  }

  private static Path dataFile(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder.resolve("variables"))) {
      return files.filter(f -> f.getFileName().toString().startsWith("variables.data")).findFirst().orElseThrow();
    }
  }

  @Test
  void theIntactFolderLoadsAndPredictsWhatTheModelDid() {
    try (TfSavedModel served = TfSavedModel.load(exported)) {
      assertTrue(Arrays.equals(expected, served.predict(X, 1)), Arrays.toString(served.predict(X, 1)));
    }
  }

  @Test
  void aFolderWithoutVariablesIsRefusedAtLoad() throws IOException {
    Path folder = copy("no-variables");
    try (Stream<Path> files = Files.list(folder.resolve("variables"))) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(folder.resolve("variables"));
    refused(folder, "has variables but no variables/variables.index to restore them from");
  }

  @Test
  void aTruncatedSavedModelPbIsRefusedNamingTheFolder() throws IOException {
    Path folder = copy("truncated-pb");
    Path pb = folder.resolve("saved_model.pb");
    byte[] b = Files.readAllBytes(pb);
    Files.write(pb, Arrays.copyOf(b, b.length / 2));
    refused(folder, "saved_model.pb is truncated or corrupt");
  }

  @Test
  void aSavedModelWithoutAServeMetaGraphIsRefused() throws IOException {
    Path folder = copy("no-serve");
    Path pb = folder.resolve("saved_model.pb");
    SavedModel saved = SavedModel.parseFrom(Files.readAllBytes(pb));
    MetaGraphDef g = saved.getMetaGraphs(0);
    MetaGraphDef train = g.toBuilder().setMetaInfoDef(g.getMetaInfoDef().toBuilder().clearTags().addTags("train"))
        .build();
    Files.write(pb, saved.toBuilder().setMetaGraphs(0, train).build().toByteArray());
    refused(folder, "has no meta graph tagged 'serve' to serve; its meta graphs are tagged [[train]]");
  }

  /** Only TensorFlow can tell a damaged checkpoint: its error is wrapped, naming the folder. */
  @Test
  void aTruncatedVariablesFileIsATensorFlowErrorWrappedWithTheFolder() throws IOException {
    Path folder = copy("truncated-data");
    Path data = dataFile(folder);
    byte[] b = Files.readAllBytes(data);
    Files.write(data, Arrays.copyOf(b, b.length / 2));
    IllegalArgumentException e = refused(folder, "cannot load the SavedModel at " + folder + ": ");
    assertInstanceOf(TensorFlowException.class, e.getCause());
  }

  @Test
  void aGarbledVariablesIndexIsATensorFlowErrorWrappedWithTheFolder() throws IOException {
    Path folder = copy("garbled-index");
    Files.write(folder.resolve("variables/variables.index"), "not a checkpoint index".getBytes());
    IllegalArgumentException e = refused(folder, "cannot load the SavedModel at " + folder + ": ");
    assertInstanceOf(TensorFlowException.class, e.getCause());
  }
}
