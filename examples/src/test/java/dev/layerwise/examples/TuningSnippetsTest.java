package dev.layerwise.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.data.DatasetSplit;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.tuning.Panda;
import dev.layerwise.tuning.StudyResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The samples of {@code docs/tuning.md} on 3,000 Fashion-MNIST images and the TensorFlow backend. */
class TuningSnippetsTest {
  @TempDir Path dir;

  @Test
  void theStudyOfThePageRunsTwoRoundsAndWritesItsResults() {
    DatasetSplit split = FashionMnist.load().train().take(3_600).split(1 / 6.0, 7);
    StudyResult r = TuningSnippets.study(dir, split.train(), split.test(), Backend.named("tensorflow"));
    assertEquals(8, r.table().rows().size(), r.table().toMarkdown());
    assertTrue(r.best().orElseThrow().objective() > 0.6, r.table().toMarkdown());
    assertTrue(Files.exists(dir.resolve("results/best.layerwise")));
    assertTrue(Files.exists(dir.resolve("results/objective-vs-lr.png")));
  }

  @Test
  void thePandaRecordsItsIntervention() throws Exception {
    DatasetSplit split = FashionMnist.load().train().take(3_600).split(1 / 6.0, 7);
    try (Panda p = TuningSnippets.panda(dir, split.train(), split.test(), Backend.named("tensorflow"))) {
      assertEquals(3, p.epochs());
    }
    try (var files = Files.list(dir.resolve("journal"))) {
      assertEquals(1, files.filter(f -> f.toString().contains("-intervention-")).count());
    }
  }
}
