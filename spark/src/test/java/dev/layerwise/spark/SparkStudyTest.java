package dev.layerwise.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.tuning.Asha;
import dev.layerwise.tuning.Hyperband;
import dev.layerwise.tuning.ModelFactory;
import dev.layerwise.tuning.Objective;
import dev.layerwise.tuning.RandomSearch;
import dev.layerwise.tuning.Study;
import dev.layerwise.tuning.StudyResult;
import dev.layerwise.tuning.TrialContext;
import dev.layerwise.tuning.TrialSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Studies on a real Spark {@code local[2]} session, reference backend, trials trained in Spark tasks. */
class SparkStudyTest extends LocalSparkTest {
  private static SparkStudy study(Path where) {
    return study(where.toString());
  }

  @Test
  void theSameStudyOnSparkAndOnTwoLocalWorkersGivesTheSameTrialsAndTable() throws Exception {
    CsvFolderLoader loader = new CsvFolderLoader();
    StudyData local = loader.load(data);
    StudyResult onThreads = Study.in(dir.resolve("threads"), new RandomSearch(Clusters.SPACE, 6, 3, 42),
        Objective.maximize("val_accuracy"), local.train(), local.validation()).backend(Backend.named("reference"))
        .workers(2).run(new ClusterFactory());
    StudyResult onSpark = study(dir.resolve("spark")).run(new RandomSearch(Clusters.SPACE, 6, 3, 42),
        ClusterFactory.class);

    assertEquals(6, onSpark.table().rows().size(), onSpark.table().toMarkdown());
    assertEquals(Clusters.withoutTimings(onThreads.table()), Clusters.withoutTimings(onSpark.table()));
    for (TrialSummary row : onSpark.table().rows()) {
      assertEquals("DONE", row.status(), row.reason());
      assertTrue(Files.isRegularFile(dir.resolve("spark/trials/" + row.id() + ".layerwise")), row.id());
    }
    // the best archive is the model the executor trained: it scores the recorded objective again
    try (CompiledModel best = CompiledModel.load(onSpark.bestArchive().orElseThrow(), Backend.named("reference"))) {
      double accuracy = best.evaluate(local.validation()).get("accuracy");
      assertEquals(onSpark.best().orElseThrow().objective(), accuracy, 1e-12);
    }
  }

  @Test
  void hyperbandPromotionsContinueArchivesAnExecutorWroteAndMatchLocalWorkers() throws Exception {
    StudyData local = new CsvFolderLoader().load(data);
    StudyResult onThreads = Study.in(dir.resolve("hb-threads"), new Hyperband(Clusters.SPACE, 9, 3, 42),
        Objective.maximize("val_accuracy"), local.train(), local.validation()).backend(Backend.named("reference"))
        .workers(2).run(new ClusterFactory());
    StudyResult onSpark = study(dir.resolve("hb")).run(new Hyperband(Clusters.SPACE, 9, 3, 42),
        ClusterFactory.class);
    assertEquals(Clusters.withoutTimings(onThreads.table()), Clusters.withoutTimings(onSpark.table()));
    long continued = onSpark.table().rows().stream().filter(r -> r.epochs() > 3).count();
    assertTrue(continued > 0, "some trial trained beyond its first rung: " + onSpark.table().toMarkdown());
    assertTrue(onSpark.table().rows().stream().allMatch(r -> r.status().equals("DONE")),
        onSpark.table().toMarkdown());
  }

  @Test
  void asynchronousSuccessiveHalvingRunsOnSpark() {
    StudyResult r = study(dir.resolve("asha")).runAsynchronous(new Asha(Clusters.SPACE, 1, 9, 3, 6, 21),
        ClusterFactory.class);
    assertTrue(r.table().rows().size() >= 6, r.table().toMarkdown());
    assertTrue(r.best().isPresent());
  }

  @Test
  void dataExecutorsCannotReadFailsEachTrialWithThePathAndTheStudyEnds() {
    Path missing = dir.resolve("no-such-data");
    StudyResult r = SparkStudy.in(sc, dir.resolve("s").toString(), Objective.maximize("val_accuracy"),
        DataLocation.csvFolder(missing.toString())).backend("reference")
        .run(new RandomSearch(Clusters.SPACE, 2, 1, 42), ClusterFactory.class);
    assertEquals(2, r.table().rows().size());
    for (TrialSummary row : r.table().rows()) {
      assertEquals("FAILED", row.status());
      assertTrue(row.reason().contains(missing.toString()), row.reason());
    }
  }

  /** Not an Exception: Spark fails the task (as it would if the executor died), the trial fails, the study goes on. */
  public static final class DyingFactory implements ModelFactory {
    @Override
    public TrialSetup build(TrialContext trial) throws Exception {
      if (trial.number() == 1) {
        throw new TaskDeath("trial 1's task died");
      }
      return new ClusterFactory().build(trial);
    }
  }

  static final class TaskDeath extends Error {
    private static final long serialVersionUID = 1L;

    TaskDeath(String message) {
      super(message);
    }
  }

  @Test
  void aTaskThatDiesFailsItsTrialAndTheStudyGoesOn() {
    StudyResult r = study(dir.resolve("dies")).run(new RandomSearch(Clusters.SPACE, 3, 1, 42), DyingFactory.class);
    List<TrialSummary> rows = r.table().rows();
    assertEquals(3, rows.size(), r.table().toMarkdown());
    TrialSummary dead = rows.stream().filter(t -> t.number() == 1).findFirst().orElseThrow();
    assertEquals("FAILED", dead.status());
    assertTrue(dead.reason().contains("Spark job of trial t1 failed") && dead.reason().contains("task died"),
        dead.reason());
    assertEquals(2, rows.stream().filter(t -> t.status().equals("DONE")).count(), r.table().toMarkdown());
    assertFalse(sc.sc().isStopped());
  }
}
