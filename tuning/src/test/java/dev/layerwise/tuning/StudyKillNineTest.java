package dev.layerwise.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study survives {@code kill -9}: a child JVM runs a random search and is killed (SIGKILL) once some trials have
 * finished; the study run again on the same folder trains only the trials that had not finished, and its table
 * equals an uninterrupted run's (timings aside).
 */
class StudyKillNineTest {
  @TempDir Path dir;

  /** 8 trials of 3 epochs on the reference backend (deterministic), one worker. */
  static Study study(Path where) {
    return Study.in(where, new RandomSearch(StudyTest.SPACE, 8, 3, 42), Objective.maximize("val_accuracy"),
        StudyTest.clusters(2000, 1), StudyTest.clusters(400, 2)).backend(Backend.named("reference")).workers(1);
  }

  @Test
  void noFinishedTrialIsRerunAndTheTableEqualsAnUninterruptedRun() throws Exception {
    Path killed = dir.resolve("killed");
    Set<String> finishedAtKill = killOnceTwoFinished(killed);

    Set<Integer> trained = ConcurrentHashMap.newKeySet();
    AtomicInteger calls = new AtomicInteger();
    ModelFactory counting = trial -> {
      trained.add(trial.number());
      return StudyTest.factory(calls, List.of()).build(trial);
    };
    StudyResult resumed = study(killed).run(counting);
    for (String id : finishedAtKill) {
      assertTrue(!trained.contains(Integer.parseInt(id.substring(1))), id + " had finished and was trained again");
    }
    assertEquals(8 - finishedAtKill.size(), trained.size(), "every other trial trained once: " + trained);

    StudyResult whole = study(dir.resolve("whole")).run(StudyTest.factory(new AtomicInteger(), List.of()));
    assertEquals(withoutTimings(whole.table()), withoutTimings(resumed.table()));
  }

  /** The table's rows without the seconds column: what must not depend on a kill. */
  private static List<String> withoutTimings(ResultsTable t) {
    return t.rows().stream().map(r -> r.number() + " " + r.params() + " " + r.status() + " " + r.objective() + " "
        + r.metrics() + " " + r.epochs()).toList();
  }

  /** Runs the child until two trials have finished, kills it, returns the finished trials' ids. */
  private static Set<String> killOnceTwoFinished(Path where) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = where.resolveSibling("child.log");
    Files.createDirectories(where);
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        StudyChild.class.getName(), where.toString()).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (finished(where).size() < 2) {
        assertTrue(child.isAlive(), "the study's JVM ended early: " + Files.readString(log));
        assertTrue(System.nanoTime() < deadline, "no two trials finished in 120 s: " + Files.readString(log));
        Thread.sleep(20);
      }
    } finally {
      child.destroyForcibly(); // SIGKILL: no finally block or shutdown hook runs in the child
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
    Set<String> done = finished(where);
    assertTrue(done.size() < 8, "the kill came before the end: " + done);
    return done;
  }

  private static Set<String> finished(Path where) throws Exception {
    Path journal = where.resolve("journal");
    if (!Files.isDirectory(journal)) {
      return Set.of();
    }
    try (var files = Files.list(journal)) {
      Set<String> out = new HashSet<>();
      files.map(p -> p.getFileName().toString()).filter(n -> n.contains("-trial-finished-") && n.endsWith(".json"))
          .forEach(n -> out.add(n.substring(n.lastIndexOf('-') + 1, n.length() - ".json".length())));
      return out;
    }
  }
}
