package dev.layerwise.tuning.journal;

import static dev.layerwise.tuning.journal.Events.SPACE;
import static dev.layerwise.tuning.journal.Events.done;
import static dev.layerwise.tuning.journal.Events.epoch;
import static dev.layerwise.tuning.journal.Events.started;
import static dev.layerwise.tuning.journal.Events.study;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's files, its replay rules, and its refusals, on a local folder. */
class StudyJournalTest {
  @TempDir Path dir;

  private List<String> files() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aScriptedHistoryReplaysToEachTrialsState() throws Exception {
    StudyJournal j = StudyJournal.create(new LocalJournalStore(dir), study());
    j.append(started("t0", 0));
    j.append(epoch("t0", 0, 0.9));
    j.append(started("t1", 1));
    j.append(epoch("t0", 1, 0.6));
    j.append(new Intervention("t0", 1, Map.of("learning_rate", 1e-4), "loss plateaued"));
    j.append(epoch("t1", 0, Double.NaN));
    j.append(new TrialFinished("t1", TrialStatus.FAILED, Map.of("loss", Double.NaN), Double.NaN,
        "loss became NaN at epoch 0", 1.5, null));
    j.append(epoch("t0", 2, 0.4));
    j.append(done("t0", 0.8));
    j.append(started("t2", 2));
    j.append(epoch("t2", 0, 0.7));

    assertEquals(List.of("00000000-study-created.json", "00000001-trial-started-t0.json",
        "00000002-epoch-reported-t0.json", "00000003-trial-started-t1.json", "00000004-epoch-reported-t0.json",
        "00000005-intervention-t0.json", "00000006-epoch-reported-t1.json", "00000007-trial-finished-t1.json",
        "00000008-epoch-reported-t0.json", "00000009-trial-finished-t0.json", "00000010-trial-started-t2.json",
        "00000011-epoch-reported-t2.json"), files());

    StudyState s = StudyJournal.open(new LocalJournalStore(dir), SPACE).replay();
    assertEquals(study(), s.study());
    assertEquals(11, s.lastSequence());
    assertEquals(List.of("t0", "t1", "t2"), List.copyOf(s.trials().keySet()));

    TrialRecord t0 = s.trial("t0");
    assertEquals(TrialStatus.DONE, t0.status());
    assertEquals(started("t0", 0), t0.start(), "parameters, seed, budget and time read back equal");
    assertEquals(List.of(0, 1, 2), t0.curve().stream().map(EpochReported::epoch).toList());
    assertEquals(0.6, t0.curve().get(1).metrics().get("loss"));
    assertEquals(List.of(new Intervention("t0", 1, Map.of("learning_rate", 1e-4), "loss plateaued")),
        t0.interventions(), "the panda's change sits in the curve's trial, after epoch 1");
    assertEquals(0.8, t0.objective());
    assertEquals("trials/t0.layerwise", t0.finish().archive());
    assertEquals(Map.of("val_accuracy", 0.8), t0.finalMetrics());

    TrialRecord t1 = s.trial("t1");
    assertEquals(TrialStatus.FAILED, t1.status());
    assertTrue(Double.isNaN(t1.curve().get(0).metrics().get("loss")), "a NaN metric survives the file");
    assertEquals("loss became NaN at epoch 0", t1.finish().reason());

    TrialRecord t2 = s.trial("t2");
    assertEquals(TrialStatus.RUNNING, t2.status(), "started without a finish: running (rerun after a crash)");
    assertNull(t2.finish());
    assertEquals(List.of("t0", "t1"), s.completed().stream().map(TrialRecord::trialId).toList());
    assertEquals(List.of("t2"), s.running().stream().map(TrialRecord::trialId).toList());
  }

  @Test
  void parametersKeepTheirJsonTypes() throws Exception {
    StudyJournal j = StudyJournal.create(new LocalJournalStore(dir), study());
    j.append(started("t0", 0));
    Map<String, Object> p = j.replay().trial("t0").params();
    assertEquals(List.of("learning_rate", "hidden_units", "optimizer", "momentum", "layers", "nesterov"),
        List.copyOf(p.keySet()), "insertion order kept");
    assertEquals(128L, p.get("hidden_units"), "integers are Long");
    assertEquals(0.9, p.get("momentum"), "a float is the double of its decimal text");
    assertEquals(List.of(256L, 128L), p.get("layers"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TrialStarted("t9", 9, Map.of("learning_rate", Double.NaN), 1, 1, null, "w", Events.T0));
    assertTrue(e.getMessage().contains("trial t9's parameter 'learning_rate' is NaN"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> started("../evil", 0));
    assertTrue(e.getMessage().contains("trial id '../evil'"), e.getMessage());
  }

  @Test
  void aSecondFinishOfATrialIsIgnored() throws Exception {
    StudyJournal j = StudyJournal.create(new LocalJournalStore(dir), study());
    j.append(started("t0", 0));
    j.append(epoch("t0", 0, 0.5));
    j.append(done("t0", 0.75));
    // a retried or speculative copy of the same trial reports again and finishes again
    j.append(epoch("t0", 0, 0.1));
    j.append(new Intervention("t0", 0, Map.of("learning_rate", 1.0), "late"));
    j.append(done("t0", 0.99));
    j.append(started("t0", 0));
    StudyState s = j.replay();
    assertEquals(1, s.trials().size());
    TrialRecord t0 = s.trial("t0");
    assertEquals(0.75, t0.objective(), "the first outcome counts");
    assertEquals(1, t0.attempts());
    assertEquals(List.of(epoch("t0", 0, 0.5)), t0.curve());
    assertEquals(List.of(), t0.interventions());
    assertEquals(1, s.completed().size());
    assertEquals(7, s.lastSequence());
  }

  @Test
  void aTrialStartedAgainWhileRunningIsARerunFromScratch() throws Exception {
    StudyJournal j = StudyJournal.create(new LocalJournalStore(dir), study());
    j.append(started("t0", 0));
    j.append(epoch("t0", 0, 0.5));
    j.append(new Intervention("t0", 0, Map.of("learning_rate", 1e-3), ""));
    j.append(started("t0", 0)); // the driver died; the resumed study reruns t0
    j.append(epoch("t0", 0, 0.45));
    TrialRecord t0 = j.replay().trial("t0");
    assertEquals(2, t0.attempts());
    assertEquals(List.of(epoch("t0", 0, 0.45)), t0.curve());
    assertEquals(List.of(), t0.interventions());
    assertEquals(TrialStatus.RUNNING, t0.status());
  }

  @Test
  void reopeningContinuesAtTheNextNumber() throws Exception {
    StudyJournal j = StudyJournal.create(new LocalJournalStore(dir), study());
    j.append(started("t0", 0));
    j.append(epoch("t0", 0, 0.5));
    StudyJournal again = StudyJournal.openOrCreate(new LocalJournalStore(dir), study());
    assertEquals(3, again.nextSequence());
    assertEquals(3, again.append(done("t0", 0.7)));
    assertTrue(files().contains("00000003-trial-finished-t0.json"));
    assertEquals(TrialStatus.DONE, again.replay().trial("t0").status());
  }

  @Test
  void threadsAppendWithoutGapsOrCollisions() throws Exception {
    StudyJournal j = StudyJournal.create(new LocalJournalStore(dir), study());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> work = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      int worker = w;
      work.add(pool.submit(() -> {
        for (int t = 0; t < 5; t++) {
          String id = "w" + worker + "t" + t;
          j.append(started(id, worker * 5 + t));
          for (int e = 0; e < 3; e++) {
            j.append(epoch(id, e, 1.0 / (e + 1)));
          }
          j.append(done(id, 0.5 + t / 10.0));
        }
        return null;
      }));
    }
    for (Future<?> f : work) {
      f.get();
    }
    pool.shutdown();
    assertEquals(1 + 20 * 5, files().size());
    assertEquals(java.util.stream.LongStream.range(0, 101).boxed().toList(),
        files().stream().map(JournalFile::sequenceOf).toList(), "consecutive numbers from 0");
    StudyState s = j.replay();
    assertEquals(20, s.completed().size());
    assertTrue(s.completed().stream().allMatch(t -> t.curve().size() == 3));
  }

  @Test
  void aChangedFileIsNamedByItsChecksum() throws Exception {
    StudyJournal j = StudyJournal.create(new LocalJournalStore(dir), study());
    j.append(started("t0", 0));
    j.append(epoch("t0", 0, 0.5));
    Path f = dir.resolve("00000002-epoch-reported-t0.json");
    Files.writeString(f, Files.readString(f).replace("0.5", "0.25"));
    CorruptJournalException e = assertThrows(CorruptJournalException.class, j::replay);
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    assertEquals(f.toString(), e.file());

    // whitespace does not matter: the checksum is over the canonical text
    Files.writeString(f, Files.readString(f).replace("0.25", "0.5").replace("\n", "\r\n  "));
    assertEquals(0.5, j.replay().trial("t0").curve().get(0).metrics().get("loss"));

    // a file renamed to another number is caught by its content
    Files.move(f, dir.resolve("00000003-epoch-reported-t0.json"));
    e = assertThrows(CorruptJournalException.class, j::replay);
    assertTrue(e.getMessage().contains("00000003-epoch-reported-t0.json") && e.getMessage().contains("renamed"),
        e.getMessage());
  }

  @Test
  void truncatedOrForeignFilesAreNamed() throws Exception {
    StudyJournal j = StudyJournal.create(new LocalJournalStore(dir), study());
    Path f = dir.resolve("00000001-trial-started-t0.json");
    Files.writeString(f, "{\"format\": 1, \"seq");
    CorruptJournalException e = assertThrows(CorruptJournalException.class, j::replay);
    assertTrue(e.getMessage().startsWith("journal file " + f + ": not a journal record"), e.getMessage());
  }

  @Test
  void aJournalOfAnotherSpaceIsRefused() throws Exception {
    StudyJournal.create(new LocalJournalStore(dir), study());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StudyJournal.open(new LocalJournalStore(dir), "space-0000"));
    assertTrue(e.getMessage().contains("written for another space"), e.getMessage());
    assertTrue(e.getMessage().contains(SPACE) && e.getMessage().contains("space-0000"), e.getMessage());
    StudyCreated other = new StudyCreated("space-0000", "grid", "val_loss", StudyCreated.Direction.MINIMIZE, 1,
        Events.T0);
    assertThrows(IllegalArgumentException.class, () -> StudyJournal.openOrCreate(new LocalJournalStore(dir), other));
    IllegalStateException twice = assertThrows(IllegalStateException.class,
        () -> StudyJournal.create(new LocalJournalStore(dir), other));
    assertTrue(twice.getMessage().contains("already exists"), twice.getMessage());
    IllegalStateException none = assertThrows(IllegalStateException.class,
        () -> StudyJournal.open(new LocalJournalStore(dir.resolve("empty")), SPACE));
    assertTrue(none.getMessage().contains("no journal"), none.getMessage());
  }

  @Test
  void anExistingNameIsNeverReplaced() throws Exception {
    LocalJournalStore store = new LocalJournalStore(dir);
    store.create("00000001-x.json", "first".getBytes(StandardCharsets.UTF_8));
    assertThrows(FileAlreadyExistsException.class,
        () -> store.create("00000001-x.json", "second".getBytes(StandardCharsets.UTF_8)));
    assertEquals("first", new String(store.read("00000001-x.json"), StandardCharsets.UTF_8));
    assertEquals(List.of("00000001-x.json"), files(), "no temporary file left");

    // a second writer of the same journal (there must be one only) reuses numbers: replay names both files
    StudyJournal.create(new LocalJournalStore(dir.resolve("j")), study());
    StudyJournal a = StudyJournal.open(new LocalJournalStore(dir.resolve("j")), SPACE);
    StudyJournal b = StudyJournal.open(new LocalJournalStore(dir.resolve("j")), SPACE);
    a.append(started("t0", 0));
    b.append(started("t1", 1));
    CorruptJournalException e = assertThrows(CorruptJournalException.class, a::replay);
    assertTrue(e.getMessage().contains("00000001-trial-started-t1.json: it has the number of "
        + "00000001-trial-started-t0.json: two processes wrote this journal"), e.getMessage());
    // and when both write the same event under the same number, the second is refused
    a.append(started("t2", 2));
    FileAlreadyExistsException twice = assertThrows(FileAlreadyExistsException.class,
        () -> b.append(started("t2", 2)));
    assertTrue(twice.getMessage().contains("00000002-trial-started-t2.json"), twice.getMessage());
    assertTrue(twice.getMessage().contains("another process is writing this journal"), twice.getMessage());
  }

  @Test
  void temporaryAndForeignFilesAreIgnored() throws Exception {
    StudyJournal j = StudyJournal.create(new LocalJournalStore(dir), study());
    j.append(started("t0", 0));
    long livePid = ProcessHandle.current().pid();
    Path mine = Files.writeString(dir.resolve(".00000002-trial-finished-t0.json." + livePid + "-2a.tmp"), "{");
    Files.writeString(dir.resolve("notes.txt"), "my notes");
    LocalJournalStore store = new LocalJournalStore(dir);
    assertEquals(List.of("00000000-study-created.json", "00000001-trial-started-t0.json", "notes.txt"),
        store.list().stream().sorted().toList());
    StudyJournal again = StudyJournal.open(store, SPACE);
    assertEquals(2, again.nextSequence());
    assertEquals(1, again.replay().trials().size());
    assertTrue(Files.exists(mine), "a live process's temporary file is left alone");

    // one of a process that is gone is removed when a store opens
    Path dead = Files.writeString(dir.resolve(".00000002-trial-finished-t0.json." + Long.MAX_VALUE / 1000
        + "-2a.tmp"), "{");
    new LocalJournalStore(dir);
    assertTrue(Files.notExists(dead));
    assertTrue(Files.exists(mine));
  }

  @Test
  void aFailedAppendUsesUpItsNumber() throws Exception {
    LocalJournalStore local = new LocalJournalStore(dir);
    boolean[] failNext = {false};
    JournalStore flaky = new JournalStore() {
      @Override
      public List<String> list() throws java.io.IOException {
        return local.list();
      }

      @Override
      public byte[] read(String name) throws java.io.IOException {
        return local.read(name);
      }

      @Override
      public void create(String name, byte[] content) throws java.io.IOException {
        local.create(name, content);
        if (failNext[0]) {
          failNext[0] = false;
          throw new java.io.IOException("the connection dropped after the write");
        }
      }

      @Override
      public String location() {
        return local.location();
      }
    };
    StudyJournal j = StudyJournal.create(flaky, study());
    j.append(started("t0", 0));
    failNext[0] = true;
    assertThrows(java.io.IOException.class, () -> j.append(epoch("t0", 0, 0.5)));
    assertEquals(3, j.append(epoch("t0", 1, 0.4)), "the failed append's number is not reused");
    assertEquals(2, j.replay().trial("t0").curve().size());
    assertThrows(IllegalArgumentException.class, () -> j.append(study()));
  }

  @Test
  void theFileCarriesFormatSequenceAndChecksum() throws Exception {
    StudyJournal.create(new LocalJournalStore(dir), study());
    String text = Files.readString(dir.resolve("00000000-study-created.json"));
    assertTrue(text.contains("\"format\": 1"), text);
    assertTrue(text.contains("\"sequence\": 0"), text);
    assertTrue(text.matches("(?s).*\"sha256\": \"[0-9a-f]{64}\".*"), text);
  }
}
