package dev.layerwise.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.tuning.Objective;
import dev.layerwise.tuning.RandomSearch;
import dev.layerwise.tuning.StudyResult;
import dev.layerwise.tuning.TrialSummary;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trials compiled on TensorFlow inside Spark tasks: the natives load in the executor, archives reload. */
class TensorFlowOnSparkTest {
  @TempDir Path dir;

  @Test
  void trialsTrainOnTensorFlowInSparkTasks() throws Exception {
    Path data = Clusters.write(dir.resolve("data"), 400);
    StudyResult r = SparkStudy.in(SparkSessions.local2(), dir.resolve("study").toString(),
        Objective.maximize("val_accuracy"), DataLocation.csvFolder(data.toString())).backend("tensorflow")
        .run(new RandomSearch(Clusters.SPACE, 2, 3, 42), ClusterFactory.class);
    for (TrialSummary row : r.table().rows()) {
      assertEquals("DONE", row.status(), row.reason());
    }
    StudyData local = new CsvFolderLoader().load(data);
    try (CompiledModel best = CompiledModel.load(r.bestArchive().orElseThrow(), Backend.named("tensorflow"))) {
      assertEquals("tensorflow", best.backend().name());
      double accuracy = best.evaluate(local.validation()).get("accuracy");
      assertEquals(r.best().orElseThrow().objective(), accuracy, 1e-6);
      assertTrue(accuracy > 0.3, "it learnt something: " + accuracy);
    }
  }
}
