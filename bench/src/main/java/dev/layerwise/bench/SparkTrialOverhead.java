package dev.layerwise.bench;

import dev.layerwise.Backend;
import dev.layerwise.data.CsvDataset;
import dev.layerwise.data.Dataset;
import dev.layerwise.spark.DataLocation;
import dev.layerwise.spark.SparkMaster;
import dev.layerwise.spark.SparkSettings;
import dev.layerwise.spark.SparkStudy;
import dev.layerwise.tuning.ModelFactory;
import dev.layerwise.tuning.Objective;
import dev.layerwise.tuning.RandomSearch;
import dev.layerwise.tuning.Scale;
import dev.layerwise.tuning.SearchSpace;
import dev.layerwise.tuning.Study;
import dev.layerwise.tuning.TrialContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * What running a trial as a Spark task costs beyond training it: the same random search (N trials of one epoch on
 * a small generated problem, so that training is short and the overhead shows) run by the tuning module's local
 * workers (2 threads) and by {@code SparkStudy} on {@code local[2]}, alternated for several rounds in one JVM; the
 * per-trial difference is Spark's share (job submission, task serialisation, the result's trip back, the driver's
 * journal writes done at the end instead of as epochs come).
 *
 * <pre>
 *   mvn -B -q -pl bench exec:exec -Dbench.main=dev.layerwise.bench.SparkTrialOverhead \
 *       -Dbench.args="--trials 24 --rounds 3 --backend tensorflow"
 * </pre>
 */
public final class SparkTrialOverhead {
  static final SearchSpace SPACE = SearchSpace.empty().logUniform("lr", 1e-3, 1e-1).intRange("units", 8, 64,
      Scale.LOG);

  /** 8 → units (ReLU) → 4, Adam at lr. Public with a no-argument constructor: executors create it by name. */
  public static final class Factory implements ModelFactory {
    @Override
    public TrialSetup build(TrialContext trial) {
      return new TrialSetup(dev.layerwise.Sequential.of(dev.layerwise.layers.Input.shape(8),
          dev.layerwise.layers.Dense.units(trial.params().getInt("units"))
              .withActivation(dev.layerwise.layers.ActivationFn.RELU), dev.layerwise.layers.Dense.units(4))
          .withSeed(trial.seed()).compile(trial.backend(),
              dev.layerwise.optimizers.Optimizer.adam(trial.params().getDouble("lr")),
              dev.layerwise.losses.Loss.sparseCategoricalCrossentropy().withFromLogits(true),
              dev.layerwise.metrics.Metric.ACCURACY), 32);
    }
  }

  private SparkTrialOverhead() {}

  public static void main(String[] args) throws Exception {
    int trials = intArg(args, "--trials", 24);
    int rounds = intArg(args, "--rounds", 3);
    int samples = intArg(args, "--samples", 512);
    String backend = stringArg(args, "--backend", "tensorflow");
    Path work = Files.createTempDirectory("spark-overhead-");
    Path data = write(work.resolve("data"), samples);
    Dataset train = CsvDataset.from(data.resolve("train.csv")).withClassLabel("label").read().dataset();
    Dataset validation = CsvDataset.from(data.resolve("validation.csv")).withClassLabel("label").read().dataset();
    List<Double> local = new ArrayList<>();
    List<Double> spark = new ArrayList<>();
    try (JavaSparkContext sc = SparkMaster.connect(SparkSettings.local(2, "spark-trial-overhead"))) {
      sc.setLogLevel("WARN");
      for (int r = -1; r < rounds; r++) { // round -1 warms both up (TF's first session, Spark's first job)
        long t0 = System.nanoTime();
        Study.in(work.resolve("local-" + r), new RandomSearch(SPACE, trials, 1, 42 + r),
            Objective.maximize("val_accuracy"), train, validation).backend(Backend.named(backend)).workers(2)
            .threadsPerTrial(1).run(new Factory());
        double a = (System.nanoTime() - t0) / 1e9 / trials;
        long t1 = System.nanoTime();
        SparkStudy.in(sc, work.resolve("spark-" + r).toString(), Objective.maximize("val_accuracy"),
            DataLocation.csvFolder(data.toString())).backend(backend)
            .run(new RandomSearch(SPACE, trials, 1, 42 + r), Factory.class);
        double b = (System.nanoTime() - t1) / 1e9 / trials;
        if (r >= 0) {
          local.add(a);
          spark.add(b);
        }
        System.out.printf(Locale.ROOT, "round %d: local workers %.1f ms/trial, Spark local[2] %.1f ms/trial%n", r,
            a * 1e3, b * 1e3);
      }
    }
    double ml = Stats.median(local);
    double ms = Stats.median(spark);
    System.out.printf(Locale.ROOT, "%s, %d trials × 1 epoch of %d samples, median of %d rounds: local workers %.1f"
        + " ms/trial, Spark local[2] %.1f ms/trial: overhead %.1f ms per trial (%.2f×)%n", backend, trials, samples,
        rounds, ml * 1e3, ms * 1e3, (ms - ml) * 1e3, ms / ml);
  }

  private static Path write(Path dir, int n) throws IOException {
    Files.createDirectories(dir);
    for (String name : List.of("train.csv", "validation.csv")) {
      Random r = new Random(name.length());
      StringBuilder sb = new StringBuilder("f0,f1,f2,f3,f4,f5,f6,f7,label\n");
      for (int i = 0; i < n; i++) {
        int y = r.nextInt(4);
        for (int j = 0; j < 8; j++) {
          sb.append(String.format(Locale.ROOT, "%.5f,", r.nextGaussian() + (j == y ? 2 : 0)));
        }
        sb.append(y).append('\n');
      }
      Files.writeString(dir.resolve(name), sb);
    }
    return dir;
  }

  private static int intArg(String[] args, String name, int fallback) {
    String v = stringArg(args, name, null);
    return v == null ? fallback : Integer.parseInt(v);
  }

  private static String stringArg(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
