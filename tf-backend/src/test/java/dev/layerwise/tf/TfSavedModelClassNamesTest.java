package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.ClassPredictions;
import dev.layerwise.CompiledModel;
import dev.layerwise.SavedModelExport;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.ClassNames;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.SavedModelBundle;

/**
 * A model's class names go into its SavedModel as {@code assets/class_names.txt}, one per line in class-index order;
 * TensorFlow's own loader still loads the bundle, {@link TfSavedModel#classNames()} reads them back, and the names of
 * the served class ids are the names {@code predictClasses} gives in memory.
 */
class TfSavedModelClassNamesTest {
  private static final ClassNames NAMES = ClassNames.of("cat", "dog", "crème brûlée");
  private static final int N = 40;

  @TempDir Path dir;

  private static float[] features() {
    SeededRandom r = new SeededRandom(3);
    float[] x = new float[N * 4];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  private static CompiledModel model(Sequential s) {
    return s.compile(Backend.named("tensorflow"), Optimizer.adam(1e-2),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true));
  }

  private static Sequential threeClasses() {
    return Sequential.of(Input.shape(4), Dense.units(5).withActivation(ActivationFn.TANH), Dense.units(3))
        .withSeed(7);
  }

  @Test
  void theNamesAreWrittenOnePerLineAndTheServedClassIdsNameAsInMemory() throws Exception {
    float[] x = features();
    Path version;
    ClassPredictions inMemory;
    try (CompiledModel m = model(threeClasses().withClassNames(NAMES))) {
      inMemory = m.predictClasses(Dataset.featuresOnly(x, Shape.of(4)));
      version = m.exportSavedModel(SavedModelExport.to(dir.resolve("served")).withClassSignatures(true));
    }
    Path asset = version.resolve("assets/class_names.txt");
    assertEquals("cat\ndog\ncrème brûlée\n", Files.readString(asset, StandardCharsets.UTF_8));
    try (SavedModelBundle bundle = SavedModelBundle.load(version.toString(), SavedModelBundle.DEFAULT_TAG)) {
      assertTrue(bundle.signatures().stream().anyMatch(s -> s.key().equals(SavedModelExport.CLASS_IDS_KEY)));
    }
    try (TfSavedModel served = TfSavedModel.load(version)) {
      assertEquals(Optional.of(NAMES), served.classNames());
      List<String> names = new ArrayList<>();
      for (long id : served.predictClassIds(x, N)) {
        names.add(served.classNames().orElseThrow().name((int) id));
      }
      assertEquals(inMemory.names(), names);
      assertTrue(names.stream().distinct().count() > 1, "the untrained model still tells samples apart: " + names);
    }
  }

  @Test
  void aModelWithoutNamesExportsNoAssetAndAnExportMayNameItsOwn() {
    try (CompiledModel m = model(threeClasses())) {
      Path plain = m.exportSavedModel(dir.resolve("plain"));
      assertFalse(Files.exists(plain.resolve("assets/class_names.txt")));
      try (TfSavedModel served = TfSavedModel.load(plain)) {
        assertEquals(Optional.empty(), served.classNames());
      }
      Path named = m.exportSavedModel(SavedModelExport.to(dir.resolve("named")).withClassNames(NAMES));
      try (TfSavedModel served = TfSavedModel.load(named)) {
        assertEquals(Optional.of(NAMES), served.classNames());
      }
      var e = assertThrows(IllegalArgumentException.class, () -> m.exportSavedModel(
          SavedModelExport.to(dir.resolve("two")).withClassNames(ClassNames.of("a", "b"))));
      assertTrue(e.getMessage().contains("expected 3 names"), e.getMessage());
      assertFalse(Files.exists(dir.resolve("two")), "refused before writing");
    }
  }

  @Test
  void aNameWithALineBreakIsRefusedBeforeAnythingIsWritten() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> SavedModelExport.to(dir.resolve("x")).withClassNames(ClassNames.of("a", "b\nc", "d")));
    assertTrue(e.getMessage().contains("line break"), e.getMessage());
  }

  @Test
  void aDamagedNamesFileIsRefusedNamingIt() throws Exception {
    Path version;
    try (CompiledModel m = model(threeClasses().withClassNames(NAMES))) {
      version = m.exportSavedModel(dir.resolve("served"));
    }
    Path asset = version.resolve("assets/class_names.txt");
    Files.writeString(asset, "cat\ncat\n");
    var e = assertThrows(IllegalArgumentException.class, () -> TfSavedModel.load(version));
    assertTrue(e.getMessage().startsWith(asset.toString()) && e.getMessage().contains("'cat' is given twice"),
        e.getMessage());
  }
}
