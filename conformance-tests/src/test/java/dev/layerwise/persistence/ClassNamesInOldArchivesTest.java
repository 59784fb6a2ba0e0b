package dev.layerwise.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.Shape;
import dev.layerwise.data.ClassNames;
import dev.layerwise.data.Dataset;
import dev.layerwise.io.ArchiveContents;
import dev.layerwise.io.ModelArchive;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives written before models carried class names (main's recorded {@code mlp.layerwise}) load without any, and
 * their contents, given names, save and load with them, the weights unchanged.
 */
class ClassNamesInOldArchivesTest {
  private static final ClassNames NAMES = ClassNames.of("low", "mid", "high");

  @TempDir Path dir;

  private static Path recorded() {
    try {
      return Path.of(ClassNamesInOldArchivesTest.class.getResource("/sequential-baseline/mlp.layerwise").toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource sequential-baseline/mlp.layerwise", e);
    }
  }

  @Test
  void anArchiveFromBeforeClassNamesLoadsWithoutThem() {
    assertEquals(Optional.empty(), ModelArchive.read(recorded()).model().classNames());
    try (CompiledModel m = CompiledModel.load(recorded(), Backend.named("reference"))) {
      assertEquals(Optional.empty(), m.model().classNames());
      assertThrows(IllegalStateException.class, () -> m.predictClasses(Dataset.featuresOnly(new float[6],
          Shape.of(6))));
    }
  }

  @Test
  void itsContentsGivenNamesSaveAndLoadWithThemAndTheSameWeights() {
    ArchiveContents old = ModelArchive.read(recorded());
    Path file = dir.resolve("named.layerwise");
    ModelArchive.write(new ArchiveContents(old.model().withClassNames(NAMES), old.training(), old.weights(),
        old.slots(), old.state(), old.receipt(), old.callbacks()), file);
    ArchiveContents named = ModelArchive.read(file);
    assertEquals(Optional.of(NAMES), named.model().classNames());
    assertEquals(old.weights().keySet(), named.weights().keySet());
    old.weights().forEach((k, v) -> assertArrayEquals(v.data(), named.weights().get(k).data(), k));
    float[] x = {0.5f, -1f, 2f, 0f, 1f, -0.5f};
    try (CompiledModel before = CompiledModel.load(recorded(), Backend.named("reference"));
        CompiledModel after = CompiledModel.load(file, Backend.named("reference"))) {
      float[] scores = before.predict(x);
      int argmax = 0;
      for (int j = 1; j < 3; j++) {
        argmax = scores[j] > scores[argmax] ? j : argmax;
      }
      String name = after.predictClasses(Dataset.featuresOnly(x, Shape.of(6))).name(0);
      assertEquals(NAMES.name(argmax), name);
      assertTrue(after.model().getClass().getSimpleName().equals("Sequential"));
    }
  }
}
