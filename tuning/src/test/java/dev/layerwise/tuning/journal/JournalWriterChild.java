package dev.layerwise.tuning.journal;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A search driver reduced to its journal, to be killed: {@code java ... JournalWriterChild DIR} opens (or creates)
 * the journal in DIR, reruns the trials a previous kill left running, then has two threads start, report 3
 * epochs, intervene and finish new trials as fast as they can, until it is killed. Prints {@code ready} once the
 * journal is open.
 */
public final class JournalWriterChild {
  private JournalWriterChild() {}

  public static void main(String[] args) throws Exception {
    StudyJournal journal = StudyJournal.openOrCreate(new LocalJournalStore(Path.of(args[0])), Events.study());
    StudyState state = journal.replay();
    Deque<TrialStarted> reruns = new ArrayDeque<>();
    state.running().forEach(t -> reruns.add(t.start()));
    AtomicInteger number = new AtomicInteger(state.trials().size());
    System.out.println("ready");
    System.out.flush();
    Runnable worker = () -> {
      try {
        while (true) {
          TrialStarted start;
          synchronized (reruns) {
            start = reruns.poll();
          }
          if (start == null) {
            int n = number.getAndIncrement();
            start = Events.started("t" + n, n);
          }
          String id = start.trialId();
          journal.append(start);
          for (int e = 0; e < 3; e++) {
            journal.append(Events.epoch(id, e, 1.0 / (e + 2)));
            if (e == 1) {
              journal.append(new Intervention(id, e, java.util.Map.of("learning_rate", 1e-4), "halve it"));
            }
          }
          journal.append(Events.done(id, 0.5 + (start.number() % 10) / 100.0));
        }
      } catch (Exception e) {
        e.printStackTrace();
        System.exit(3);
      }
    };
    Thread a = new Thread(worker, "worker-a");
    Thread b = new Thread(worker, "worker-b");
    a.start();
    b.start();
    a.join();
    b.join();
  }
}
