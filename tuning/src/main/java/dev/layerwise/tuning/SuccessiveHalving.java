package dev.layerwise.tuning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Synchronous successive halving over one {@link Bracket}: draw n_0 trials and train each r_0 epochs; when the whole
 * rung is done, the best n_1 (by objective; failed trials never) continue from their checkpoints to r_1 epochs; and
 * so on. A promoted trial is a new {@link TrialSpec} with the same hyperparameters and seed, {@code continues} set
 * to the trial it resumes and {@code budgetEpochs} the total to reach.
 *
 * <p>Numbers are fixed slots: rung i's j-th best-ranked continuation is trial first + n_0 + … + n_{i−1} + j, so the
 * same seed, space and results give the same trials. Ties go to the lower trial number.
 */
public final class SuccessiveHalving implements SearchStrategy {
  private final SearchSpace space;
  private final Bracket bracket;
  private final long seed;
  private final int firstNumber;

  public SuccessiveHalving(SearchSpace space, Bracket bracket, long seed) {
    this(space, bracket, seed, 0);
  }

  SuccessiveHalving(SearchSpace space, Bracket bracket, long seed, int firstNumber) {
    this.space = space;
    this.bracket = bracket;
    this.seed = seed;
    this.firstNumber = firstNumber;
  }

  /** {@code trials} trials from {@code minEpochs} epochs, keeping the top 1/η each rung. */
  public static SuccessiveHalving of(SearchSpace space, int trials, int minEpochs, int eta, long seed) {
    return new SuccessiveHalving(space, Bracket.halving(trials, minEpochs, eta), seed);
  }

  public Bracket bracket() {
    return bracket;
  }

  @Override
  public List<TrialSpec> nextTrials(List<CompletedTrial> history) {
    Map<Integer, CompletedTrial> done = Ranking.byNumber(history);
    List<Rung> rungs = bracket.rungs();
    int number = firstNumber;
    List<TrialSpec> rung = new ArrayList<>();
    for (int j = 0; j < rungs.get(0).trials(); j++) {
      rung.add(new TrialSpec(number + j, space.sample(Seeds.forTrial(seed, number + j)), seed,
          rungs.get(0).epochs(), OptionalInt.empty(), stage(0)));
    }
    for (int i = 0; ; i++) {
      List<TrialSpec> pending = Ranking.pending(rung, done);
      if (!pending.isEmpty() || i + 1 == rungs.size()) {
        return pending;
      }
      number += rungs.get(i).trials();
      List<CompletedTrial> results = rung.stream().map(t -> done.get(t.number())).toList();
      List<CompletedTrial> best = Ranking.top(results, rungs.get(i + 1).trials());
      rung = new ArrayList<>();
      for (int j = 0; j < best.size(); j++) {
        TrialSpec t = best.get(j).spec();
        rung.add(new TrialSpec(number + j, t.params(), t.seed(), rungs.get(i + 1).epochs(),
            OptionalInt.of(t.number()), stage(i + 1)));
      }
    }
  }

  private String stage(int rung) {
    return "bracket " + bracket.s() + " rung " + rung;
  }

  @Override
  public SearchSpace space() {
    return space;
  }

  @Override
  public String describe() {
    return "successive halving: " + bracket.rungs() + ", " + bracket.plannedEpochs() + " epochs, seed " + seed;
  }
}
