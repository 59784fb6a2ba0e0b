package dev.layerwise.tuning;

import java.util.List;

/**
 * A search whose trials are all known up front (grid, random): one step, the trials without a result yet.
 */
abstract class OneStepSearch implements SearchStrategy {
  private final SearchSpace space;

  OneStepSearch(SearchSpace space) {
    this.space = space;
  }

  /** Every trial of the search, numbered from 0. */
  public abstract List<TrialSpec> trials();

  @Override
  public List<TrialSpec> nextTrials(List<CompletedTrial> history) {
    return Ranking.pending(trials(), Ranking.byNumber(history));
  }

  @Override
  public SearchSpace space() {
    return space;
  }
}
