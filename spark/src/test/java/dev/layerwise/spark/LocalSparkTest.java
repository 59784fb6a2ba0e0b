package dev.layerwise.spark;

import dev.layerwise.tuning.Objective;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** What the {@code local[2]} test classes share: the session, a folder of generated data, a study on it. */
abstract class LocalSparkTest {
  @TempDir static Path shared;
  @TempDir Path dir;
  static Path data;
  static JavaSparkContext sc;

  @BeforeAll
  static void start() throws Exception {
    data = Clusters.write(shared.resolve("clusters"), 400);
    sc = SparkSessions.local2();
  }

  /** A study in {@code where} on the generated data, reference backend. */
  static SparkStudy study(String where) {
    return SparkStudy.in(sc, where, Objective.maximize("val_accuracy"), DataLocation.csvFolder(data.toString()))
        .backend("reference");
  }
}
