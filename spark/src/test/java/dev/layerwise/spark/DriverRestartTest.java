package dev.layerwise.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.tuning.StudyResult;
import dev.layerwise.tuning.journal.LocalJournalStore;
import dev.layerwise.tuning.journal.StudyJournal;
import dev.layerwise.tuning.journal.TrialStatus;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark study's driver killed with SIGKILL mid-study, then started again on the same location: the trials
 * finished before the kill are not trained again, the others are, and the table equals an uninterrupted run's.
 */
class DriverRestartTest {
  @TempDir Path dir;

  @Test
  void aRestartedDriverResumesFromTheJournalWithoutRerunningFinishedTrials() throws Exception {
    Path data = Clusters.write(dir.resolve("data"), 400);
    Path killed = dir.resolve("killed");
    Set<String> finishedAtKill = killOnceTwoFinished(killed, data);

    ClusterFactory.BUILT.clear();
    StudyResult resumed = SparkStudyChild.study(SparkSessions.local2(), killed, data)
        .run(SparkStudyChild.search(), ClusterFactory.class);
    for (String id : finishedAtKill) {
      assertFalse(ClusterFactory.BUILT.contains(Integer.parseInt(id.substring(1))), id + " was trained again");
    }
    assertEquals(8 - finishedAtKill.size(), ClusterFactory.BUILT.size(), "the others once: " + ClusterFactory.BUILT);

    StudyResult whole = SparkStudyChild.study(SparkSessions.local2(), dir.resolve("whole"), data)
        .run(SparkStudyChild.search(), ClusterFactory.class);
    assertEquals(Clusters.withoutTimings(whole.table()), Clusters.withoutTimings(resumed.table()));
  }

  /** Runs the child driver until two trials have finished, kills it, returns the finished trials' ids. */
  private static Set<String> killOnceTwoFinished(Path where, Path data) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--") || a.startsWith("-X") || a.startsWith("-Dio.netty")
            || a.startsWith("-Dorg.bytedeco")).toList()); // the surefire JVM's Spark module options
    command.addAll(List.of("-Dlayerwise.test.slowBuildMillis=1000", "-cp", System.getProperty("java.class.path"),
        SparkStudyChild.class.getName(), where.toString(), data.toString()));
    Path log = where.resolveSibling("child.log");
    Files.createDirectories(where);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process child = pb.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (finished(where).size() < 2) {
        assertTrue(child.isAlive(), "the driver ended early: " + Files.readString(log));
        assertTrue(System.nanoTime() < deadline, "no two trials finished in 120 s: " + Files.readString(log));
        Thread.sleep(20);
      }
    } finally {
      child.destroyForcibly(); // SIGKILL: no shutdown hook runs in the driver
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
    Set<String> done = finished(where);
    assertTrue(done.size() < 8, "the kill came before the end: " + done);
    return done;
  }

  /** The trials the journal has finished, read as a restarted driver reads it (whole files only). */
  private static Set<String> finished(Path where) throws Exception {
    Path journal = where.resolve("journal");
    if (!Files.isDirectory(journal)) {
      return Set.of();
    }
    try {
      Set<String> out = new HashSet<>();
      StudyJournal.open(new LocalJournalStore(journal)).replay().trials().values().stream()
          .filter(t -> t.status() != TrialStatus.RUNNING).forEach(t -> out.add(t.trialId()));
      return out;
    } catch (IllegalStateException e) {
      return Set.of(); // the folder exists, its first file does not yet
    }
  }
}
