package dev.layerwise.tuning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Random search in rounds, each round's space zoomed around the best {@code topK} trials of the round before by
 * {@link Zoom#around} (log ranges by a factor {@code widen} on each side in log space, linear ranges by their span
 * scaled by {@code widen}, clipped to the original space; choices keep the values of the best). The course's
 * coarse-to-fine: sample the whole space coarsely, find the region where the good trials are, sample it more
 * densely.
 *
 * <p>Round r holds trials r·n .. r·n + n − 1 (n = trials per round). A round whose trials all failed leaves the
 * space unchanged. The zoom depends only on the results, so the same seed, space and results give the same
 * rounds.
 */
public final class CoarseToFine implements SearchStrategy {
  private final SearchSpace space;
  private final int rounds;
  private final int trialsPerRound;
  private final int topK;
  private final double widen;
  private final int epochs;
  private final long seed;

  public CoarseToFine(SearchSpace space, int rounds, int trialsPerRound, int topK, double widen, int epochs,
      long seed) {
    Ranking.checkPositive("CoarseToFine", "rounds", rounds);
    Ranking.checkPositive("CoarseToFine", "trials per round", trialsPerRound);
    Ranking.checkPositive("CoarseToFine", "top k", topK);
    Ranking.checkPositive("CoarseToFine", "epochs", epochs);
    if (topK > trialsPerRound) {
      throw new IllegalArgumentException("CoarseToFine: expected top k ≤ trials per round (" + trialsPerRound
          + "), given " + topK);
    }
    if (!(widen > 1) || Double.isInfinite(widen)) {
      throw new IllegalArgumentException("CoarseToFine: expected a widening factor > 1, given " + widen);
    }
    this.space = space;
    this.rounds = rounds;
    this.trialsPerRound = trialsPerRound;
    this.topK = topK;
    this.widen = widen;
    this.epochs = epochs;
    this.seed = seed;
  }

  @Override
  public List<TrialSpec> nextTrials(List<CompletedTrial> history) {
    Map<Integer, CompletedTrial> done = Ranking.byNumber(history);
    SearchSpace current = space;
    for (int r = 0; r < rounds; r++) {
      List<TrialSpec> round = round(r, current);
      List<TrialSpec> pending = Ranking.pending(round, done);
      if (!pending.isEmpty()) {
        return pending;
      }
      current = next(current, round, done);
    }
    return List.of();
  }

  /**
   * The space of each round reached so far: the original first, then one zoom per finished round (the last may
   * be the space of a round not yet run). For the study's report, or to start a new study from the best region.
   */
  public List<SearchSpace> spaces(List<CompletedTrial> history) {
    Map<Integer, CompletedTrial> done = Ranking.byNumber(history);
    List<SearchSpace> spaces = new ArrayList<>(List.of(space));
    SearchSpace current = space;
    for (int r = 0; r < rounds - 1; r++) {
      List<TrialSpec> round = round(r, current);
      if (!Ranking.pending(round, done).isEmpty()) {
        break;
      }
      current = next(current, round, done);
      spaces.add(current);
    }
    return spaces;
  }

  private List<TrialSpec> round(int r, SearchSpace current) {
    List<TrialSpec> trials = new ArrayList<>();
    for (int j = 0; j < trialsPerRound; j++) {
      int number = r * trialsPerRound + j;
      trials.add(new TrialSpec(number, current.sample(Seeds.forTrial(seed, number)), seed, epochs,
          OptionalInt.empty(), "round " + r));
    }
    return trials;
  }

  private SearchSpace next(SearchSpace current, List<TrialSpec> round, Map<Integer, CompletedTrial> done) {
    List<CompletedTrial> results = round.stream().map(t -> done.get(t.number())).toList();
    List<Hyperparameters> best = Ranking.top(results, topK).stream().map(t -> t.spec().params()).toList();
    return best.isEmpty() ? current : Zoom.around(space, current, best, widen, trialsPerRound);
  }

  @Override
  public SearchSpace space() {
    return space;
  }

  @Override
  public String describe() {
    return "coarse to fine: " + rounds + " rounds of " + trialsPerRound + " trials of " + epochs
        + " epochs, zoom around the top " + topK + " widened ×" + widen + ", seed " + seed;
  }
}
