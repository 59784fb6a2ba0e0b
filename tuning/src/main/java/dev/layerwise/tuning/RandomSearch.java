package dev.layerwise.tuning;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code trials} independent draws from the space, in one step.
 *
 * <p>The course prefers random search to a grid: with k parameters of which only one matters (you do not know which
 * — usually the learning rate), a 5 × 5 grid tries 5 values of it in 25 trials, 25 random draws try 25. Trial i's
 * values come from its own stream seeded by (seed, i), so they do not depend on batching or on other trials.
 */
public final class RandomSearch extends OneStepSearch {
  private final int trials;
  private final int epochs;
  private final long seed;

  public RandomSearch(SearchSpace space, int trials, int epochs, long seed) {
    super(space);
    Ranking.checkPositive("RandomSearch", "trials", trials);
    Ranking.checkPositive("RandomSearch", "epochs", epochs);
    this.trials = trials;
    this.epochs = epochs;
    this.seed = seed;
  }

  /** Every trial of the search, numbered 0..trials − 1. */
  public List<TrialSpec> trials() {
    List<TrialSpec> all = new ArrayList<>();
    for (int i = 0; i < trials; i++) {
      all.add(new TrialSpec(i, space().sample(Seeds.forTrial(seed, i)), seed, epochs));
    }
    return all;
  }

  @Override
  public String describe() {
    return "random search: " + trials + " trials of " + epochs + " epochs, seed " + seed;
  }
}
