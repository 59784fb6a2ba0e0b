package dev.layerwise.spark;

import dev.layerwise.tuning.Asha;
import static java.util.Objects.requireNonNull;

import dev.layerwise.tuning.Locations;
import dev.layerwise.tuning.ModelFactory;
import dev.layerwise.tuning.Objective;
import dev.layerwise.tuning.SearchSpace;
import dev.layerwise.tuning.SearchStrategy;
import dev.layerwise.tuning.StudyLoop;
import dev.layerwise.tuning.StudyResult;
import dev.layerwise.tuning.TrialJournal;
import dev.layerwise.tuning.TrialSpec;
import dev.layerwise.tuning.journal.JournalStore;
import dev.layerwise.tuning.journal.LocalJournalStore;
import dev.layerwise.tuning.journal.StudyJournal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A study whose trials run as Spark tasks: the driver (this JVM) runs the strategy and alone writes the journal;
 * each trial is a Spark job of one task, trained on an executor with the data that executor loaded once from
 * {@link DataLocation}, its archive written next to the journal. The journal and archives live in {@code location}
 * ({@code location/journal}, {@code location/trials}) on any Hadoop file system — a local folder, {@code hdfs://},
 * {@code s3a://} — and a study started with local workers ({@code Study.in(dir, ...)}) continues here when
 * {@code location} is that folder, or a copy of it.
 *
 * <pre>{@code
 * try (JavaSparkContext sc = SparkMaster.connect(new SparkConf())) {   // spark-submit sets the master
 *   StudyResult result = SparkStudy.in(sc, "hdfs:///studies/mlp", Objective.maximize("val_accuracy"),
 *           DataLocation.fashionMnist("hdfs:///data/fashion-mnist"))
 *       .run(new RandomSearch(space, 200, 9, 42), MlpFactory.class);
 * }
 * }</pre>
 *
 * <p>Each trial's thread budget is {@code spark.task.cpus} (its TF sessions use that many threads), and
 * {@code defaultParallelism / spark.task.cpus} trials run at once unless {@link #maxConcurrentTrials} says
 * otherwise. Spark is opt-in: {@code Study} in the tuning module runs the same searches on local threads.
 */
public final class SparkStudy {
  private static final Logger LOG = LoggerFactory.getLogger(SparkStudy.class);
  private final JavaSparkContext sc;
  private final String location;
  private final Objective objective;
  private final DataLocation data;
  private String backend = "tensorflow";
  private long seed;
  private int maxConcurrent;
  private Duration executorWait = Duration.ofSeconds(120);

  private SparkStudy(JavaSparkContext sc, String location, Objective objective, DataLocation data) {
    this.sc = requireNonNull(sc, "SparkStudy: sc");
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException("SparkStudy: expected the study's location (a folder path or a URI such as"
          + " hdfs:///studies/mlp), given " + (location == null ? "null" : "a blank string"));
    }
    this.location = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    this.objective = requireNonNull(objective, "SparkStudy: objective");
    this.data = requireNonNull(data, "SparkStudy: data");
  }

  /** A study in {@code location} (created, or resumed when it holds a journal of the same space). */
  public static SparkStudy in(JavaSparkContext sc, String location, Objective objective, DataLocation data) {
    return new SparkStudy(sc, location, objective, data);
  }

  /** The backend executors compile trials on, by name (default {@code tensorflow}). */
  public SparkStudy backend(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("SparkStudy.backend: expected a backend name (tensorflow, reference), given "
          + (name == null ? "null" : "a blank string"));
    }
    this.backend = name;
    return this;
  }

  /** The seed recorded with the study (the strategy has its own). */
  public SparkStudy seed(long s) {
    this.seed = s;
    return this;
  }

  /** At most {@code n} trials at once (default: the context's default parallelism ÷ {@code spark.task.cpus}). */
  public SparkStudy maxConcurrentTrials(int n) {
    if (n < 1 || n > 4096) {
      throw new IllegalArgumentException("SparkStudy.maxConcurrentTrials: expected 1 to 4096, given " + n);
    }
    this.maxConcurrent = n;
    return this;
  }

  /**
   * How long to wait for the cluster to run a first task before giving up with nothing recorded (default 120 s):
   * a master that cannot be reached, or one with no free executor, fails here rather than leaving a journal of
   * trials that never ran.
   */
  public SparkStudy executorWait(Duration wait) {
    if (wait == null || wait.isNegative() || wait.isZero()) {
      throw new IllegalArgumentException("SparkStudy.executorWait: expected a positive duration, given " + wait);
    }
    this.executorWait = wait;
    return this;
  }

  /** Runs a synchronous strategy (grid, random, coarse to fine, Hyperband) to its end. */
  public StudyResult run(SearchStrategy strategy, Class<? extends ModelFactory> factory) {
    requireNonNull(strategy, "SparkStudy: strategy");
    return drive(strategy.space(), strategy.describe(), factory, (journal, launcher) -> StudyLoop.run(journal,
        strategy, objective, launcher));
  }

  /** Runs asynchronous successive halving to its end, keeping every trial slot busy. */
  public StudyResult runAsynchronous(Asha asha, Class<? extends ModelFactory> factory) {
    requireNonNull(asha, "SparkStudy: asha");
    return drive(asha.space(), asha.describe(), factory, (journal, launcher) -> StudyLoop.runAsynchronous(journal,
        asha, objective, launcher));
  }

  @FunctionalInterface
  private interface Loop {
    StudyResult run(StudyJournal journal, SparkTrialLauncher launcher) throws IOException;
  }

  private StudyResult drive(SearchSpace space, String describe, Class<? extends ModelFactory> factory, Loop loop) {
    requireNonNull(factory, "SparkStudy: factory");
    checkFactory(factory);
    SparkSettings.checkForStudy(sc.getConf());
    awaitAnExecutor();
    int taskCpus = SparkSettings.taskCpus(sc.getConf());
    int slots = maxConcurrent > 0 ? maxConcurrent : Math.max(1, sc.defaultParallelism() / taskCpus);
    StudyJournal journal = openJournal(space, describe);
    String archives = location + "/trials";
    String group = "layerwise-study-" + UUID.randomUUID();
    LOG.info("study in {}: {} trial(s) at once, {} thread(s) each, on backend {}", location, slots, taskCpus,
        backend);
    try (SparkTrialLauncher launcher = new SparkTrialLauncher(sc, new TrialJournal(journal, objective),
        (TrialSpec spec, Integer previous) -> new TrialPayload(spec.number(), spec.params().values(), spec.seed(),
            spec.budgetEpochs(), spec.continues().orElse(-1), previous, data, factory.getName(), objective.key(),
            objective.higherIsBetter(), backend, taskCpus, archives), slots, group)) {
      return loop.run(journal, launcher);
    } catch (IOException e) {
      throw new UncheckedIOException("study in " + location + ": " + e.getMessage(), e);
    } finally {
      // the launcher set them on this thread for the trials' jobs: the caller's next jobs are its own again
      sc.clearJobGroup();
      sc.setLocalProperty("spark.scheduler.pool", null);
    }
  }

  /** The factory must be creatable by name: public, with a public no-argument constructor. */
  private static void checkFactory(Class<? extends ModelFactory> factory) {
    try {
      ExecutorClasses.instantiate(factory.getName(), ModelFactory.class, "model factory");
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException("SparkStudy: " + e.getMessage(), e);
    }
  }

  /** Runs one empty task, so that an unreachable master fails the study before its journal is touched. */
  private void awaitAnExecutor() {
    String master = sc.master();
    if (sc.sc().isStopped()) {
      throw new IllegalStateException("SparkStudy: the Spark context (master " + master + ") has stopped: nothing"
          + " was recorded. Was the master reachable?");
    }
    String group = "layerwise-probe-" + UUID.randomUUID();
    sc.setJobGroup(group, "layerwise: is an executor there?", true);
    JavaFutureAction<Long> probe = sc.parallelize(List.of(1), 1).countAsync();
    try {
      probe.get(executorWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      sc.cancelJobGroup(group);
      throw new IllegalStateException("SparkStudy: no executor of master " + master + " ran a task within "
          + executorWait.toSeconds() + " s: the master is unreachable or has no free worker. Nothing was recorded"
          + " in " + location + ".", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("SparkStudy: interrupted while waiting for an executor", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("SparkStudy: master " + master + " could not run a task ("
          + e.getCause().getMessage() + "). Nothing was recorded in " + location + ".", e.getCause());
    } finally {
      sc.clearJobGroup();
    }
  }

  private StudyJournal openJournal(SearchSpace space, String describe) {
    String where = location + "/journal";
    try {
      JournalStore store = Locations.isPlainPath(where) ? new LocalJournalStore(Locations.localPath(where))
          : new HadoopJournalStore(where, sc.hadoopConfiguration());
      return StudyLoop.openJournal(store, space, describe, objective, seed);
    } catch (IOException | SecurityException e) {
      throw new UncheckedIOException("SparkStudy: cannot write the study's journal at " + where + " ("
          + e.getClass().getSimpleName() + ": " + e.getMessage() + "); choose a location the driver can write",
          e instanceof IOException io ? io : new IOException(e));
    }
  }
}
