package dev.layerwise.tuning.journal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A study as its replayed journal gives it: the study's settings and every trial, in the order they first
 * started.
 *
 * <p>The rules of replay make the journal safe to write from retried and speculative tasks: the first
 * {@link TrialFinished} of a trial counts and later ones are ignored, as is anything reported for a finished
 * trial (a slow copy's epochs); a {@link TrialStarted} for a trial that is running means the trial was rerun
 * after a crash, so its attempt count goes up and its partial curve and interventions are dropped.
 *
 * @param study the study's first event
 * @param trials every trial by id, in the order they first started
 * @param lastSequence the sequence number of the last file replayed
 */
public record StudyState(StudyCreated study, Map<String, TrialRecord> trials, long lastSequence) {
  public StudyState {
    trials = Collections.unmodifiableMap(new LinkedHashMap<>(trials));
  }

  /** The trials that ended (done, pruned or failed): a resumed study does not run them again. */
  public List<TrialRecord> completed() {
    return trials.values().stream().filter(t -> t.finish() != null).toList();
  }

  /** The trials started and not finished: after a crash these were interrupted, and a resumed study reruns them. */
  public List<TrialRecord> running() {
    return trials.values().stream().filter(t -> t.finish() == null).toList();
  }

  /** The trial {@code id}, or {@code null} if it never started. */
  public TrialRecord trial(String id) {
    return trials.get(id);
  }

  /** Builds a state from events in sequence order. */
  static final class Builder {
    private final StudyCreated study;
    private final Map<String, Trial> trials = new LinkedHashMap<>();
    private long lastSequence;

    Builder(StudyCreated study) {
      this.study = study;
    }

    /**
     * Applies one event.
     *
     * @param where the event's file, for messages
     * @throws CorruptJournalException if the event belongs to a trial that never started, or is a second study
     */
    void apply(long sequence, JournalEvent event, String where) {
      lastSequence = sequence;
      if (event instanceof StudyCreated) {
        throw new CorruptJournalException(where, "a second study-created event: a journal holds one study");
      }
      if (event instanceof TrialStarted s) {
        Trial t = trials.get(s.trialId());
        if (t == null) {
          trials.put(s.trialId(), new Trial(s));
        } else if (t.finish == null) {
          t.restart(s);
        }
        return;
      }
      Trial t = trials.get(event.trialId());
      if (t == null) {
        throw new CorruptJournalException(where, event.kind() + " for trial " + event.trialId()
            + ", which never started");
      }
      if (t.finish != null) {
        return; // a retried or speculative copy of a finished trial: the first outcome counts
      }
      if (event instanceof EpochReported e) {
        t.curve.removeIf(p -> p.epoch() == e.epoch());
        t.curve.add(e);
      } else if (event instanceof Intervention i) {
        t.interventions.add(i);
      } else {
        t.finish = (TrialFinished) event;
      }
    }

    StudyState build() {
      Map<String, TrialRecord> out = new LinkedHashMap<>();
      trials.forEach((id, t) -> out.put(id, t.record()));
      return new StudyState(study, out, lastSequence);
    }
  }

  private static final class Trial {
    private TrialStarted start;
    private int attempts = 1;
    private final List<EpochReported> curve = new ArrayList<>();
    private final List<Intervention> interventions = new ArrayList<>();
    private TrialFinished finish;

    Trial(TrialStarted start) {
      this.start = start;
    }

    void restart(TrialStarted again) {
      start = again;
      attempts++;
      curve.clear();
      interventions.clear();
    }

    TrialRecord record() {
      return new TrialRecord(start, attempts, curve, interventions, finish);
    }
  }
}
