package dev.layerwise.tuning.journal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A study's journal: every event a new immutable file in a {@link JournalStore}, named
 * {@code %08d-<event>[-<trialId>].json} with consecutive sequence numbers, the first always the
 * {@link StudyCreated}. One process writes a journal (the driver of a search); its worker threads may append
 * concurrently, and each append is on disk when it returns. Appends are serialised (one file at a time, a few
 * milliseconds each with the flushes), so the files' order is the order the events happened in, and the numbers
 * have no gaps unless an append failed. Two processes writing one journal would reuse numbers: replay refuses
 * that, naming both files.
 *
 * <p>A kill leaves only whole files (a file appears by a rename), so a reopened journal reads completely and
 * continues at the number after the largest; {@link #replay()} gives the state, in which the trials that were
 * running when the process died are {@link TrialStatus#RUNNING}, to be rerun.
 */
public final class StudyJournal {
  private final JournalStore store;
  private final StudyCreated study;
  private long next;

  private StudyJournal(JournalStore store, StudyCreated study, long next) {
    this.store = store;
    this.study = study;
    this.next = next;
  }

  /**
   * Starts a journal in an empty store.
   *
   * @throws IllegalStateException if the store already holds a journal
   */
  public static StudyJournal create(JournalStore store, StudyCreated study) throws IOException {
    if (!journalNames(store).isEmpty()) {
      throw new IllegalStateException("a journal already exists in " + store.location()
          + ": open it to resume the study, or use an empty location for a new one");
    }
    StudyJournal journal = new StudyJournal(store, study, 0);
    journal.write(study);
    return journal;
  }

  /**
   * Opens the journal in {@code store} to continue a study of the search space {@code spaceFingerprint}.
   *
   * @throws IllegalArgumentException if the journal was written for another space (both fingerprints named)
   * @throws IllegalStateException if the store holds no journal
   */
  public static StudyJournal open(JournalStore store, String spaceFingerprint) throws IOException {
    StudyJournal journal = open(store);
    if (!journal.study.spaceFingerprint().equals(spaceFingerprint)) {
      throw new IllegalArgumentException("the journal in " + store.location() + " was written for another space: "
          + "its space fingerprint is " + journal.study.spaceFingerprint() + ", this search's is "
          + spaceFingerprint + "; start a new study in another location, or search the journal's space");
    }
    return journal;
  }

  /** Opens the journal in {@code store} whatever its space, to read it or to continue it. */
  public static StudyJournal open(JournalStore store) throws IOException {
    List<String> names = journalNames(store);
    if (names.isEmpty()) {
      throw new IllegalStateException("no journal in " + store.location() + " (no journal files)");
    }
    String first = names.get(0);
    JournalFile.Entry entry = JournalFile.decode(first, where(store, first), store.read(first));
    if (!(entry.event() instanceof StudyCreated study) || entry.sequence() != 0) {
      throw new CorruptJournalException(where(store, first), "a journal starts with study-created, number 0");
    }
    long last = JournalFile.sequenceOf(names.get(names.size() - 1));
    return new StudyJournal(store, study, last + 1);
  }

  /** {@link #open(JournalStore, String)} if the store holds a journal, {@link #create} otherwise. */
  public static StudyJournal openOrCreate(JournalStore store, StudyCreated study) throws IOException {
    return journalNames(store).isEmpty() ? create(store, study) : open(store, study.spaceFingerprint());
  }

  /** The study's first event. */
  public StudyCreated study() {
    return study;
  }

  /** The store. */
  public JournalStore store() {
    return store;
  }

  /** The sequence number the next append gets. */
  public synchronized long nextSequence() {
    return next;
  }

  /**
   * Appends an event as a new file, durable when this returns; safe to call from several threads.
   *
   * @return the event's sequence number
   * @throws IllegalArgumentException for a {@link StudyCreated} (a journal has one, written by {@link #create})
   * @throws FileAlreadyExistsException if the file exists: another process writes this journal too
   */
  public long append(JournalEvent event) throws IOException {
    if (event instanceof StudyCreated) {
      throw new IllegalArgumentException("a journal has one study-created event, written when it is created");
    }
    return write(event);
  }

  /**
   * Writes the next file. The number is used up even when the write fails: whether a failed create left its file
   * is unknown, and a gap in the numbers is harmless where a number used twice is not.
   */
  private synchronized long write(JournalEvent event) throws IOException {
    long sequence = next++;
    String name = JournalFile.name(sequence, event);
    try {
      store.create(name, JournalFile.encode(sequence, event));
    } catch (FileAlreadyExistsException e) {
      throw new FileAlreadyExistsException(where(store, name), null,
          "another process is writing this journal (only one may: the search's driver)");
    }
    return sequence;
  }

  /**
   * Reads every file, checks each one's checksum, and replays the events in sequence order.
   *
   * @throws CorruptJournalException naming the first file that fails a check
   */
  public StudyState replay() throws IOException {
    List<String> names = journalNames(store);
    StudyState.Builder state = new StudyState.Builder(study);
    long previous = -1;
    String previousName = null;
    for (String name : names) {
      String where = where(store, name);
      JournalFile.Entry entry = JournalFile.decode(name, where, store.read(name));
      if (entry.sequence() == previous) {
        throw new CorruptJournalException(where, "it has the number of " + previousName
            + ": two processes wrote this journal");
      }
      previous = entry.sequence();
      previousName = name;
      if (entry.sequence() == 0) {
        if (!entry.event().equals(study)) {
          throw new CorruptJournalException(where, "the study-created event changed since the journal was opened");
        }
        continue;
      }
      state.apply(entry.sequence(), entry.event(), where);
    }
    return state.build();
  }

  /** The journal's file names in the store, in sequence order; other files are ignored. */
  private static List<String> journalNames(JournalStore store) throws IOException {
    List<String> names = new ArrayList<>();
    for (String name : store.list()) {
      if (JournalFile.sequenceOf(name) >= 0) {
        names.add(name);
      }
    }
    names.sort(Comparator.comparingLong(JournalFile::sequenceOf).thenComparing(Comparator.naturalOrder()));
    return names;
  }

  private static String where(JournalStore store, String name) {
    String location = store.location();
    return location.endsWith("/") ? location + name : location + "/" + name;
  }

  @Override
  public String toString() {
    return "StudyJournal[" + store.location() + ", next " + next + "]";
  }

}
