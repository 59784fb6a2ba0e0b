package dev.layerwise.examples;

import dev.layerwise.Backend;
import dev.layerwise.data.Dataset;
import dev.layerwise.examples.cli.MlpFactory;
import dev.layerwise.spark.DataLocation;
import dev.layerwise.spark.SparkStudy;
import dev.layerwise.tuning.Objective;
import dev.layerwise.tuning.RandomSearch;
import dev.layerwise.tuning.Scale;
import dev.layerwise.tuning.SearchSpace;
import dev.layerwise.tuning.Study;
import dev.layerwise.tuning.StudyResult;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The code samples of {@code docs/spark.md}, verbatim between {@code // region NAME} and {@code // endregion NAME}.
 * {@code DocSnippetsTest} checks the page shows exactly these lines; {@code SparkSnippetsTest} runs them on a
 * {@code local[2]} session.
 */
public final class SparkSnippets {
  private SparkSnippets() {}

  static SearchSpace space() {
    return SearchSpace.empty().logUniform("lr", 1e-4, 1e-2).intRange("units", 32, 256, Scale.LOG);
  }

  /** The page's study: 4 random trials of the Fashion-MNIST MLP as Spark tasks. */
  public static StudyResult study(JavaSparkContext sc, String location, String fashionMnist) {
    SearchSpace space = space();
    // region spark-study
    StudyResult result = SparkStudy.in(sc, location, Objective.maximize("val_accuracy"),
            DataLocation.fashionMnist(fashionMnist))           // executors read it once per JVM
        .backend("tensorflow")
        .run(new RandomSearch(space, 4, 1, 42), MlpFactory.class);   // a class name, not a lambda
    // endregion spark-study
    return result;
  }

  /** A study begun with local workers, continued on Spark in the same folder. */
  public static StudyResult continued(JavaSparkContext sc, Path dir, String fashionMnist, Dataset train,
      Dataset validation) {
    SearchSpace space = space();
    Objective objective = Objective.maximize("val_accuracy");
    // region spark-continue
    // on a workstation: the first 2 trials, with local workers
    Study.in(dir, new RandomSearch(space, 2, 1, 42), objective, train, validation)
        .backend(Backend.named("tensorflow")).run(new MlpFactory());
    // on the cluster, same folder (or a copy of it on HDFS): trials 0 and 1 are read from the journal, 2 and 3 train
    StudyResult all = SparkStudy.in(sc, dir.toString(), objective, DataLocation.fashionMnist(fashionMnist))
        .backend("tensorflow").run(new RandomSearch(space, 4, 1, 42), MlpFactory.class);
    // endregion spark-continue
    return all;
  }
}
