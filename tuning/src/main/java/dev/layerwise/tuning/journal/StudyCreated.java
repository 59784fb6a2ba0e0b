package dev.layerwise.tuning.journal;

import java.time.Instant;

/**
 * The first event of every journal: what the study searches and how. A journal is opened for one search space
 * only (the space's fingerprint must match), so a resumed study never mixes trials of two spaces.
 *
 * @param spaceFingerprint identifies the search space (its parameters and ranges), e.g. a hash of its description
 * @param strategy the strategy and its settings, for people reading the journal, e.g. "random, 40 trials"
 * @param objective the metric trials are ranked on, e.g. {@code val_accuracy}
 * @param direction whether a larger or a smaller objective is better
 * @param seed the study's seed, from which the strategy draws the trials' parameters and seeds
 * @param created when the study was created
 */
public record StudyCreated(String spaceFingerprint, String strategy, String objective, Direction direction,
    long seed, Instant created) implements JournalEvent {
  /** Which way the objective improves. */
  public enum Direction {
    MAXIMIZE,
    MINIMIZE
  }

  public StudyCreated {
    JsonValues.required(spaceFingerprint, "the space fingerprint");
    JsonValues.required(strategy, "the strategy");
    JsonValues.required(objective, "the objective");
    JsonValues.required(direction, "the objective's direction");
    JsonValues.required(created, "the creation time");
  }

  @Override
  public String trialId() {
    return null;
  }

  @Override
  public String kind() {
    return "study-created";
  }
}
