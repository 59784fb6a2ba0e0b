package dev.layerwise.tuning.journal;

/**
 * One thing that happened in a study, written as one immutable journal file. The events are the whole history:
 * a study's state is what replaying them in sequence order gives ({@link StudyState}).
 */
public sealed interface JournalEvent
    permits StudyCreated, TrialStarted, EpochReported, TrialFinished, Intervention {
  /** The trial this event belongs to, or {@code null} for the study's own event. */
  String trialId();

  /** The event's name in file names and in the file, e.g. {@code trial-started}. */
  String kind();
}
