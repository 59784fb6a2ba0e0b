package dev.layerwise.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.layerwise.tuning.ModelFactory;
import dev.layerwise.tuning.Objective;
import dev.layerwise.tuning.RandomSearch;
import dev.layerwise.tuning.StudyResult;
import dev.layerwise.tuning.TrialContext;
import dev.layerwise.tuning.journal.LocalJournalStore;
import dev.layerwise.tuning.journal.StudyJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark retries a failed task (here {@code local[2,3]}: up to 3 attempts); the retried trial runs again under the
 * same id, and the study records it once. The study's data is loaded once for all trials and attempts.
 */
class TaskRetryTest {
  @TempDir Path dir;

  /** The first attempt of each trial dies (an Error: Spark fails the task); the next one trains. */
  public static final class FailsFirstAttempt implements ModelFactory {
    static final Set<Integer> ATTEMPTED = ConcurrentHashMap.newKeySet();
    static final AtomicInteger BUILDS = new AtomicInteger();

    @Override
    public TrialSetup build(TrialContext trial) throws Exception {
      BUILDS.incrementAndGet();
      if (ATTEMPTED.add(trial.number())) {
        throw new SparkStudyTest.TaskDeath("the first attempt of trial " + trial.number() + " dies");
      }
      return new ClusterFactory().build(trial);
    }
  }

  @Test
  void aRetriedTaskTrainsTheSameTrialAndTheJournalHasItOnce() throws Exception {
    Path data = Clusters.write(dir.resolve("data"), 200);
    SparkSessions.stop(); // one context per JVM: this one allows retries
    CountingLoader.LOADS.set(0);
    try (JavaSparkContext sc = new JavaSparkContext(SparkSettings.local(2, "retries").setMaster("local[2,3]"))) {
      StudyResult r = SparkStudy.in(sc, dir.resolve("study").toString(), Objective.maximize("val_accuracy"),
          DataLocation.of(data.toString(), CountingLoader.class)).backend("reference")
          .run(new RandomSearch(Clusters.SPACE, 3, 1, 42), FailsFirstAttempt.class);
      assertEquals(3, r.table().rows().size(), r.table().toMarkdown());
      r.table().rows().forEach(t -> assertEquals("DONE", t.status(), t.reason()));
      assertEquals(6, FailsFirstAttempt.BUILDS.get(), "two attempts a trial");
    }
    assertEquals(1, CountingLoader.LOADS.get(), "the data is loaded once per executor JVM");
    StudyJournal journal = StudyJournal.open(new LocalJournalStore(dir.resolve("study/journal")));
    try (var files = Files.list(dir.resolve("study/journal"))) {
      assertEquals(3, files.filter(f -> f.getFileName().toString().contains("-trial-finished-")).count());
    }
    assertEquals(3, journal.replay().trials().size());
  }
}
