package dev.layerwise.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.data.DatasetSplit;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.spark.SparkMaster;
import dev.layerwise.spark.SparkSettings;
import dev.layerwise.tuning.StudyResult;
import dev.layerwise.tuning.TrialSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The samples of {@code docs/spark.md} on a real {@code local[2]} session, Fashion-MNIST, TensorFlow. */
class SparkSnippetsTest {
  @TempDir Path dir;
  static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    sc = SparkMaster.connect(SparkSettings.local(2, "spark-snippets"));
  }

  @AfterAll
  static void stop() {
    sc.stop();
  }

  @Test
  void thePagesStudyTrainsFourTrialsOnFashionMnist() {
    StudyResult r = SparkSnippets.study(sc, dir.toString(), FashionMnist.defaultDirectory().toString());
    assertEquals(4, r.table().rows().size(), r.table().toMarkdown());
    assertTrue(r.best().orElseThrow().objective() > 0.8, "one epoch of the MLP: " + r.table().toMarkdown());
  }

  @Test
  void aStudyBegunWithLocalWorkersContinuesOnSparkWithoutRetrainingItsTrials() throws Exception {
    DatasetSplit split = FashionMnist.load().train().split(0.1, 7); // FashionMnistLoader's split
    StudyResult all = SparkSnippets.continued(sc, dir, FashionMnist.defaultDirectory().toString(), split.train(),
        split.test());
    assertEquals(4, all.table().rows().size(), all.table().toMarkdown());
    for (TrialSummary t : all.table().rows()) {
      assertEquals("DONE", t.status(), t.reason());
    }
    try (var files = Files.list(dir.resolve("journal"))) {
      List<String> starts = files.map(f -> f.getFileName().toString()).filter(n -> n.contains("-trial-started-"))
          .sorted().toList();
      assertEquals(4, starts.size(), "each trial started once: " + starts);
      assertTrue(starts.get(0).endsWith("-t0.json") || starts.get(1).endsWith("-t0.json"), starts.toString());
    }
  }
}
