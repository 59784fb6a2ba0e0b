package dev.layerwise.examples.cli;

import dev.layerwise.spark.DataLocation;
import dev.layerwise.spark.SparkMaster;
import dev.layerwise.spark.SparkStudy;
import dev.layerwise.tuning.StudyResult;
import dev.layerwise.tuning.TrialSummary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The search command line on Apache Spark: the study a study file describes ({@link StudyFile}, as for
 * {@code bin/layerwise-tune}) on the Fashion-MNIST MLP ({@link MlpFactory}), each trial a Spark task. Submitted with
 * {@code spark-submit} to a cluster (docs/spark.md), or run on this machine by {@code bin/layerwise-spark-tune}
 * ({@code local[2]}). The study's journal and archives go to {@code --location} (default: the study file's
 * {@code dir}, so that a study begun with {@code bin/layerwise-tune} continues here); executors read the data from
 * {@code --data} (a folder of Fashion-MNIST's IDX files, on HDFS, S3A or a path every executor has).
 *
 * <pre>
 *   spark-submit --class dev.layerwise.examples.cli.LayerwiseSparkTune layerwise-spark-job.jar STUDY_FILE
 *       [--location URI] [--data URI] [--backend tensorflow|reference] [--executor-wait SECONDS]
 * </pre>
 *
 * The study file's {@code workers} and {@code threads-per-trial} belong to local studies: on Spark, trials run
 * {@code defaultParallelism / spark.task.cpus} at a time with {@code spark.task.cpus} threads each. Exit status: 0
 * the search ran, 2 a mistake in the arguments, the study file, or a master that cannot be reached, 3 an
 * unexpected error.
 */
public final class LayerwiseSparkTune {
  static final String USAGE = "usage:\n  spark-submit [SPARK OPTIONS] --class " + LayerwiseSparkTune.class.getName()
      + " JOB_JAR STUDY_FILE [--location URI] [--data URI] [--backend tensorflow|reference] [--executor-wait SECONDS]";

  private LayerwiseSparkTune() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** The whole command without {@code System.exit}: returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println(USAGE);
      return 2;
    }
    return ExitStatus.of("layerwise-spark-tune", () -> tune(new Arguments(Arrays.asList(args)), out), err);
  }

  private static int tune(Arguments args, PrintStream out) {
    StudyFile file = StudyFile.read(Path.of(args.positional(0, "STUDY_FILE")));
    String location = args.option("--location", file.dir().toString());
    String data = args.option("--data", dev.layerwise.data.FashionMnist.defaultDirectory().toString());
    String backend = args.option("--backend", "tensorflow");
    int wait = args.intOption("--executor-wait", 120, 1, 86_400, "seconds to wait for a first executor");
    args.checkAllUsed();
    JavaSparkContext sc;
    try {
      sc = SparkMaster.connect(new SparkConf()); // spark-submit (or bin/layerwise-spark-tune) sets the master
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage(), e); // the master is an argument: exit 2, the message alone
    }
    try (sc) {
      SparkStudy study = SparkStudy.in(sc, location, file.objective(), DataLocation.fashionMnist(data))
          .backend(backend).seed(file.integer("seed", 42)).executorWait(Duration.ofSeconds(wait));
      long start = System.nanoTime();
      StudyResult result;
      try {
        result = file.asynchronous() ? study.runAsynchronous(file.asha(), MlpFactory.class)
            : study.run(file.strategy(), MlpFactory.class);
      } catch (IllegalStateException e) {
        throw new IllegalArgumentException(e.getMessage(), e); // no executor came: the master's address or capacity
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      int epochs = result.table().rows().stream().mapToInt(TrialSummary::epochs).sum();
      out.printf(Locale.ROOT, "%d trials, %d epochs trained, %.1f s on %s (%d trial slots of %s)%n",
          result.table().rows().size(), epochs, seconds, sc.master(), sc.defaultParallelism(),
          sc.getConf().get("spark.task.cpus", "1") + " core(s)");
      out.print(result.table().toMarkdown());
      result.best().ifPresent(b -> out.printf(Locale.ROOT, "best trial %d %s: validation %s %.4f; its archive: %s%n",
          b.number(), b.params(), result.table().objective(), b.objective(),
          result.bestArchiveLocation().orElse("none")));
      if (!location.contains("://") && !location.startsWith("file:")) {
        result.write(Path.of(location).resolve("results"));
        out.println("results in " + Path.of(location).resolve("results"));
      }
    }
    return 0;
  }
}
