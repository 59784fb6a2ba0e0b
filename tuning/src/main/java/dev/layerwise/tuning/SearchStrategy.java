package dev.layerwise.tuning;

import java.util.List;

/**
 * A synchronous search: a pure function from the trials completed so far to the next step's trials.
 *
 * <p>The study runner loops: {@code batch = nextTrials(history)}; stop if empty; run the batch (in parallel if it
 * likes); add every result (failures as NaN) to the history; repeat. The batch holds the current step's trials
 * that are not in the history yet, so after a crash the runner passes the journal's completed trials and gets back
 * exactly the ones still to run — with the same numbers and values, because each trial draws from its own seeded
 * stream. The same space, seed and results give the same trials: grid, random, coarse-to-fine, successive halving
 * and Hyperband are reproducible. ({@link Asha} is not a {@code SearchStrategy}: its trials depend on the order in
 * which workers finish.)
 */
public interface SearchStrategy {
  /** The trials to run now; empty when the search is over. */
  List<TrialSpec> nextTrials(List<CompletedTrial> history);

  /** The space searched (for the journal's fingerprint and the charts' axes). */
  SearchSpace space();

  /** One line for people: the strategy and its settings. */
  String describe();
}
