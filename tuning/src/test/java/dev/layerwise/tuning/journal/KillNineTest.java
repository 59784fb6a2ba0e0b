package dev.layerwise.tuning.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal survives {@code kill -9}: a child JVM writes events as fast as it can from two threads and is killed
 * (SIGKILL: no finally block, no shutdown hook) after about half a second, five times over the same journal.
 * After each kill every file parses and passes its checksum, replay works, no finished trial changed or went
 * back to running, and an append continues at the number after the largest.
 */
class KillNineTest {
  private static final int ROUNDS = 5;

  @TempDir Path dir;

  @Test
  void everyFileIsWholeAfterAKillAndTheJournalContinues() throws Exception {
    Path journalDir = dir.resolve("journal");
    Map<String, TrialFinished> finishedBefore = new HashMap<>();
    int filesBefore = 0;
    for (int round = 0; round < ROUNDS; round++) {
      killAfterHalfASecond(journalDir, dir.resolve("child-" + round + ".log"));

      LocalJournalStore store = new LocalJournalStore(journalDir);
      List<String> names = store.list();
      assertTrue(names.size() > filesBefore, "round " + round + " wrote nothing: " + names.size() + " files");
      StudyJournal journal = StudyJournal.open(store, Events.SPACE);
      StudyState state = journal.replay(); // reads every file and checks every checksum
      long max = names.stream().mapToLong(JournalFile::sequenceOf).max().orElseThrow();
      assertEquals(max, state.lastSequence());
      assertEquals(max + 1, names.size(), "one writer, numbers without gaps");

      for (TrialRecord t : state.completed()) {
        assertEquals(3, t.curve().size(), t.trialId());
        assertEquals(1, t.interventions().size(), t.trialId());
        TrialFinished before = finishedBefore.get(t.trialId());
        if (before != null) {
          assertEquals(before, t.finish(), "a finished trial keeps its outcome");
        }
        finishedBefore.put(t.trialId(), t.finish());
      }
      assertEquals(finishedBefore.size(), state.completed().size(), "no finished trial went back to running");
      assertTrue(state.running().size() <= 2 + round, "at most the two workers' trials and the test's: "
          + state.running());

      // the next append continues after the largest number; the trial it starts is rerun by the next child
      String id = "test-" + round;
      assertEquals(max + 1, journal.append(Events.started(id, 10_000 + round)));
      assertTrue(Files.exists(journalDir.resolve(String.format("%08d-trial-started-%s.json", max + 1, id))));
      assertEquals(TrialStatus.RUNNING, journal.replay().trial(id).status());
      filesBefore = (int) max + 2;
    }
    StudyState last = StudyJournal.open(new LocalJournalStore(journalDir), Events.SPACE).replay();
    assertTrue(last.trials().values().stream().anyMatch(t -> t.attempts() > 1),
        "some trial was rerun after a kill");
  }

  private static void killAfterHalfASecond(Path journalDir, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        JournalWriterChild.class.getName(), journalDir.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(log).contains("ready")) {
        assertTrue(child.isAlive(), "the writing JVM ended early: " + Files.readString(log));
        assertTrue(System.nanoTime() < deadline, "the writing JVM did not start: " + Files.readString(log));
        Thread.sleep(10);
      }
      Thread.sleep(500);
      assertTrue(child.isAlive(), "the writing JVM ended before the kill: " + Files.readString(log));
    } finally {
      child.destroyForcibly(); // SIGKILL on Linux and macOS
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
  }
}
