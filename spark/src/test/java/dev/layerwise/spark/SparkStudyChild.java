package dev.layerwise.spark;

import dev.layerwise.tuning.Objective;
import dev.layerwise.tuning.RandomSearch;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;

/** The driver {@link DriverRestartTest} kills: a Spark study of 8 trials, 2 at a time, on {@code local[2]}. */
public final class SparkStudyChild {
  private SparkStudyChild() {}

  static SparkStudy study(JavaSparkContext sc, Path where, Path data) {
    return SparkStudy.in(sc, where.toString(), Objective.maximize("val_accuracy"),
        DataLocation.csvFolder(data.toString())).backend("reference").maxConcurrentTrials(2);
  }

  static RandomSearch search() {
    return new RandomSearch(Clusters.SPACE, 8, 3, 42);
  }

  public static void main(String[] args) {
    try (JavaSparkContext sc = SparkMaster.connect(SparkSettings.local(2, "driver-to-kill"))) {
      study(sc, Path.of(args[0]), Path.of(args[1])).run(search(), ClusterFactory.class);
    }
  }
}
