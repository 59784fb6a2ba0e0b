package dev.layerwise.tuning;

import static java.util.Objects.requireNonNull;

import dev.layerwise.tuning.journal.EpochReported;
import dev.layerwise.tuning.journal.JournalEvent;
import dev.layerwise.tuning.journal.StudyJournal;
import dev.layerwise.tuning.journal.TrialFinished;
import dev.layerwise.tuning.journal.TrialStarted;
import dev.layerwise.tuning.journal.TrialStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's side of a trial: what goes into the study's journal when it starts, as its epochs end and when it
 * finishes. Only the process running the search writes here (a Spark executor sends its {@link TrialOutcome} back
 * and the driver records it), so a journal has one writer however many machines train.
 *
 * <p>Thread-safe (the journal serialises appends). Every method throws {@link JournalWriteException} when the
 * journal cannot be written.
 */
public final class TrialJournal {
  private static final Logger LOG = LoggerFactory.getLogger(TrialJournal.class);
  private final StudyJournal journal;
  private final Objective objective;

  public TrialJournal(StudyJournal journal, Objective objective) {
    this.journal = requireNonNull(journal, "journal");
    this.objective = requireNonNull(objective, "objective");
  }

  /** The journal written to. */
  public StudyJournal journal() {
    return journal;
  }

  /** Records that {@code spec} starts on {@code worker}. */
  public void started(TrialSpec spec, String worker) {
    append(new TrialStarted(TrialTraining.trialId(spec.number()), spec.number(), spec.params().values(),
        spec.seed(), spec.budgetEpochs(),
        spec.continues().isPresent() ? TrialTraining.trialId(spec.continues().getAsInt()) : null, worker,
        Instant.now()));
  }

  /** Records one epoch's logs of a running trial. */
  public void epoch(TrialSpec spec, int epoch, Map<String, Double> logs) {
    append(new EpochReported(TrialTraining.trialId(spec.number()), epoch, logs));
  }

  /**
   * Records the trial's end, with its epochs first when they were not recorded as they came (a remote trial).
   *
   * @param withEpochs whether to append one {@code EpochReported} per epoch of the outcome before its end
   * @return the trial as the strategies see it
   */
  public CompletedTrial finished(TrialSpec spec, TrialOutcome outcome, boolean withEpochs) {
    String id = TrialTraining.trialId(spec.number());
    if (withEpochs) {
      for (int i = 0; i < outcome.epochs().size(); i++) {
        epoch(spec, outcome.firstEpoch() + i + 1, outcome.epochs().get(i)); // 1-based, as fit's logs
      }
    }
    if (outcome.status() == TrialStatus.FAILED) {
      LOG.info("trial {} failed: {}", id, outcome.reason());
      append(new TrialFinished(id, TrialStatus.FAILED, Map.of(), Double.NaN, outcome.reason(), outcome.seconds(),
          null));
      return CompletedTrial.failed(spec);
    }
    append(new TrialFinished(id, outcome.status(), outcome.last(), outcome.objective(), outcome.reason(),
        outcome.seconds(), outcome.archive()));
    return new CompletedTrial(spec, objective.ranked(outcome.objective()));
  }

  private void append(JournalEvent e) {
    try {
      journal.append(e);
    } catch (IOException io) {
      throw new JournalWriteException("study journal " + journal.store().location() + ": cannot record "
          + e.kind() + " of trial " + e.trialId(), io);
    }
  }
}
