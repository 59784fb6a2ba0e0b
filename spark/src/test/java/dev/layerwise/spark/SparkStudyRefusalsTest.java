package dev.layerwise.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.tuning.CompletedTrial;
import dev.layerwise.tuning.ModelFactory;
import dev.layerwise.tuning.Objective;
import dev.layerwise.tuning.RandomSearch;
import dev.layerwise.tuning.StudyLoop;
import dev.layerwise.tuning.TrialContext;
import dev.layerwise.tuning.TrialJournal;
import dev.layerwise.tuning.TrialSpec;
import dev.layerwise.tuning.journal.LocalJournalStore;
import dev.layerwise.tuning.journal.StudyJournal;
import dev.layerwise.tuning.journal.TrialRecord;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Bad input to a Spark study: each refused with a message that names it, before anything is recorded. */
class SparkStudyRefusalsTest extends LocalSparkTest {
  /** A factory executors cannot create by name. */
  public static final class NeedsArguments implements ModelFactory {
    public NeedsArguments(int units) {}

    @Override
    public TrialSetup build(TrialContext trial) {
      throw new AssertionError("never built");
    }
  }

  @Test
  void aFactoryWithoutANoArgumentConstructorIsRefusedNamedAndNothingIsRecorded() {
    Path where = dir.resolve("study");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> study(where.toString()).run(new RandomSearch(Clusters.SPACE, 2, 1, 42), NeedsArguments.class));
    assertTrue(e.getMessage().contains(NeedsArguments.class.getName())
        && e.getMessage().contains("public no-argument constructor"), e.getMessage());
    assertFalse(Files.exists(where), "nothing was written");
  }

  @Test
  void aFactoryClassMissingOnTheExecutorsFailsTheTrialWithItsName() throws Exception {
    StudyJournal journal = StudyLoop.openJournal(new LocalJournalStore(dir.resolve("journal")), Clusters.SPACE,
        "test", Objective.maximize("val_accuracy"), 0);
    TrialSpec spec = new RandomSearch(Clusters.SPACE, 1, 1, 42).nextTrials(java.util.List.of()).get(0);
    try (SparkTrialLauncher launcher = new SparkTrialLauncher(sc,
        new TrialJournal(journal, Objective.maximize("val_accuracy")),
        (s, previous) -> new TrialPayload(s.number(), s.params().values(), s.seed(), s.budgetEpochs(), -1, 0,
            DataLocation.csvFolder(data.toString()), "com.example.GoneFactory", "val_accuracy", true, "reference",
            1, dir.resolve("trials").toString()), 1, "missing-class")) {
      CompletedTrial t = launcher.launch(spec, 0).get();
      assertFalse(t.succeeded());
    }
    TrialRecord record = journal.replay().trial("t0");
    String reason = record.finish().reason();
    assertTrue(reason.contains("com.example.GoneFactory") && reason.contains("not on the classpath of executor")
        && reason.contains("--jars"), reason);
  }

  @Test
  void aJournalLocationThatCannotBeWrittenIsNamed() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
    String where = file.resolve("study").toString();
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> study(where).run(new RandomSearch(Clusters.SPACE, 2, 1, 42), ClusterFactory.class));
    assertTrue(e.getMessage().contains("cannot write the study's journal at " + where), e.getMessage());
  }

  @Test
  void aJournalOnAHadoopPathThatCannotBeWrittenIsNamed() throws Exception {
    Path file = Files.writeString(dir.resolve("b-file"), "not a folder");
    // a scheme Hadoop does not know: the driver cannot open the file system
    String where = "nosuchfs://nowhere/" + file.getFileName() + "/study";
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> study(where).run(new RandomSearch(Clusters.SPACE, 2, 1, 42), ClusterFactory.class));
    assertTrue(e.getMessage().contains("cannot write the study's journal at " + where)
        && e.getMessage().contains("nosuchfs"), e.getMessage());
  }

  @Test
  void speculationIsRefused() {
    sc.getConf(); // the context's conf is a copy: a study reads the running context's settings
    org.apache.spark.SparkConf conf = sc.getConf().clone().set("spark.speculation", "true");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkSettings.checkForStudy(conf));
    assertTrue(e.getMessage().contains("spark.speculation"), e.getMessage());
  }

  @Test
  void aBadTaskCpusIsNamed() {
    org.apache.spark.SparkConf conf = sc.getConf().clone().set("spark.task.cpus", "two");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkSettings.taskCpus(conf));
    assertTrue(e.getMessage().contains("spark.task.cpus") && e.getMessage().contains("'two'"), e.getMessage());
  }

  @Test
  void blankArgumentsAreNamed() {
    assertEquals("DataLocation: expected a path or URI of the study's data, given a blank string",
        assertThrows(IllegalArgumentException.class, () -> DataLocation.csvFolder(" ")).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> study(" ")).getMessage()
        .contains("expected the study's location"));
  }
}
