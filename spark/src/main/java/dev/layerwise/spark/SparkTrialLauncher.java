package dev.layerwise.spark;

import dev.layerwise.tuning.CompletedTrial;
import dev.layerwise.tuning.TrialJournal;
import dev.layerwise.tuning.TrialLauncher;
import dev.layerwise.tuning.TrialOutcome;
import dev.layerwise.tuning.TrialSpec;
import dev.layerwise.tuning.TrialTraining;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.function.BiFunction;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each trial as a Spark job of one task, submitted asynchronously from the driver in its own FAIR-scheduler
 * pool, so trials of different lengths overlap and a free executor core takes the next one. The driver journals
 * {@code TrialStarted} before the job is submitted and the trial's epochs and end when its outcome comes back; a
 * job that fails (an executor lost to a native crash, a task that died) is journaled as a failed trial with
 * Spark's reason, and the study goes on.
 *
 * <p>A retried task trains the same trial again under the same id; the driver journals the one outcome the job
 * returns, so retries cannot put a trial into the study twice.
 */
final class SparkTrialLauncher implements TrialLauncher {
  private static final Logger LOG = LoggerFactory.getLogger(SparkTrialLauncher.class);
  static final String POOL = "layerwise-trials";

  private final JavaSparkContext sc;
  private final TrialJournal journal;
  private final BiFunction<TrialSpec, Integer, TrialPayload> payloads;
  private final Broadcast<HadoopSettings> hadoop;
  private final int slots;
  private final String group;
  private final ExecutorService waiters;
  private final java.util.Set<JavaFutureAction<?>> running = java.util.concurrent.ConcurrentHashMap.newKeySet();

  SparkTrialLauncher(JavaSparkContext sc, TrialJournal journal, BiFunction<TrialSpec, Integer, TrialPayload> payloads,
      int slots, String group) {
    this.sc = sc;
    this.journal = journal;
    this.payloads = payloads;
    this.hadoop = sc.broadcast(HadoopSettings.of(sc.hadoopConfiguration()));
    this.slots = slots;
    this.group = group;
    this.waiters = java.util.concurrent.Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "layerwise-spark-trial");
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public CompletableFuture<CompletedTrial> launch(TrialSpec spec, int previousBudget) {
    String id = TrialTraining.trialId(spec.number());
    if (sc.sc().isStopped()) {
      throw new IllegalStateException("the Spark context has stopped: trial " + id + " was not started (run the study"
          + " again to continue from its journal)");
    }
    TrialPayload payload = payloads.apply(spec, previousBudget);
    journal.started(spec, "spark");
    // local properties are per thread: set on the thread that submits the job
    sc.setLocalProperty("spark.scheduler.pool", POOL);
    sc.setJobGroup(group, "layerwise trial " + id + " " + spec.params().values(), true);
    JavaFutureAction<List<TrialOutcome>> job = sc.parallelize(List.of(payload), 1)
        .mapPartitions(new RunTrial(hadoop)).collectAsync();
    running.add(job);
    return CompletableFuture.supplyAsync(() -> {
      try {
        return journal.finished(spec, await(id, job), true);
      } finally {
        running.remove(job);
      }
    }, waiters);
  }

  /**
   * The outcome the task returned, or a failed one carrying Spark's reason when the job failed. When the whole
   * context stopped (the master went away, the application was killed) the trial is not failed: it stays running in
   * the journal, and a restarted study runs it again.
   */
  private TrialOutcome await(String id, JavaFutureAction<List<TrialOutcome>> job) {
    long start = System.nanoTime();
    try {
      List<TrialOutcome> outcomes = job.get();
      if (outcomes.size() != 1) {
        throw new IllegalStateException("trial " + id + "'s job returned " + outcomes.size() + " outcomes, not 1");
      }
      return outcomes.get(0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while trial " + id + " ran", e);
    } catch (ExecutionException e) {
      if (sc.sc().isStopped()) {
        throw new IllegalStateException("the Spark context stopped while trial " + id + " ran ("
            + firstLine(e.getCause()) + "); the trial stays unfinished in the journal: run the study again to"
            + " continue", e.getCause());
      }
      String reason = "the Spark job of trial " + id + " failed: " + firstLine(e.getCause());
      LOG.warn(reason);
      return TrialOutcome.failed(0, List.of(), reason, (System.nanoTime() - start) / 1e9, "spark");
    }
  }

  private static String firstLine(Throwable t) {
    String m = t == null ? "unknown" : t.getMessage() == null ? t.getClass().getName() : t.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  @Override
  public int slots() {
    return slots;
  }

  @Override
  public void close() {
    if (running.stream().anyMatch(j -> !j.isDone())) {
      sc.cancelJobGroup(group); // the study stopped on an error: its trials still running are abandoned
    }
    waiters.shutdownNow();
    hadoop.destroy();
  }
}
