package dev.layerwise.tuning;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Asynchronous successive halving (ASHA, Li et al. 2020, Algorithm 2): whenever a worker is free, promote a trial
 * if one deserves it, else start a new one — no worker waits for a rung to fill.
 *
 * <p>Rung k trains to r·η^k epochs (r = {@code minEpochs}, k = 0..K, the largest K with r·η^K ≤ {@code maxEpochs}).
 * {@link #nextTrial} looks from the highest promotable rung K − 1 down to 0: a completed trial of rung k that is
 * among the top ⌊|rung k| / η⌋ of rung k's completed results (failed ones never) and has not been promoted yet is
 * promoted to rung k + 1, continuing from its checkpoint. If none is, a new configuration starts at rung 0, until
 * {@code configurations} have been started.
 *
 * <p><b>Not reproducible across worker timings.</b> Which trials are promoted depends on which results had arrived
 * when a worker asked, so two runs with the same seed can differ; only the sequence of new configurations is fixed
 * (the c-th new configuration draws from the stream (seed, c)). The synchronous strategies — {@link GridSearch},
 * {@link RandomSearch}, {@link CoarseToFine}, {@link SuccessiveHalving}, {@link Hyperband} — are reproducible.
 * The decision is a pure function of what was issued and what completed, so a resumed study replays its journal.
 */
public final class Asha {
  private final SearchSpace space;
  private final List<Integer> rungEpochs = new ArrayList<>();
  private final int eta;
  private final int configurations;
  private final long seed;

  public Asha(SearchSpace space, int minEpochs, int maxEpochs, int eta, int configurations, long seed) {
    Ranking.checkPositive("Asha", "min epochs", minEpochs);
    Ranking.checkPositive("Asha", "configurations", configurations);
    if (eta < 2) {
      throw new IllegalArgumentException("Asha: expected η ≥ 2 (promote the top 1/η), given " + eta);
    }
    if (maxEpochs < minEpochs) {
      throw new IllegalArgumentException(
          "Asha: expected max epochs ≥ min epochs (" + minEpochs + "), given " + maxEpochs);
    }
    for (long e = minEpochs; e <= maxEpochs; e *= eta) {
      rungEpochs.add((int) e);
    }
    this.space = space;
    this.eta = eta;
    this.configurations = configurations;
    this.seed = seed;
  }

  /** The epochs of each rung, r·η^k. */
  public List<Integer> rungEpochs() {
    return List.copyOf(rungEpochs);
  }

  /**
   * The next trial for a free worker, or empty when no trial can be promoted now and every configuration has been
   * started (the runner then waits for a running trial to finish and asks again; the search is over when nothing
   * runs and this is empty).
   *
   * @param issued every trial handed out so far, running or finished (the journal's)
   * @param completed the finished ones with their objectives
   */
  public Optional<TrialSpec> nextTrial(List<TrialSpec> issued, List<CompletedTrial> completed) {
    int number = issued.stream().mapToInt(TrialSpec::number).max().orElse(-1) + 1;
    Set<Integer> promoted = new HashSet<>();
    issued.forEach(t -> t.continues().ifPresent(promoted::add));
    for (int k = rungEpochs.size() - 2; k >= 0; k--) {
      int epochs = rungEpochs.get(k);
      List<CompletedTrial> rung = completed.stream().filter(t -> t.spec().budgetEpochs() == epochs).toList();
      for (CompletedTrial t : Ranking.top(rung, rung.size() / eta)) {
        if (!promoted.contains(t.number())) {
          return Optional.of(new TrialSpec(number, t.spec().params(), t.spec().seed(), rungEpochs.get(k + 1),
              OptionalInt.of(t.number()), "rung " + (k + 1)));
        }
      }
    }
    long started = issued.stream().filter(t -> !t.isContinuation()).count();
    if (started >= configurations) {
      return Optional.empty();
    }
    return Optional.of(new TrialSpec(number, space.sample(Seeds.forTrial(seed, (int) started)), seed,
        rungEpochs.get(0), OptionalInt.empty(), "rung 0"));
  }

  public SearchSpace space() {
    return space;
  }

  public String describe() {
    return "ASHA: rungs of " + rungEpochs + " epochs, η = " + eta + ", " + configurations
        + " configurations, seed " + seed + " (promotions depend on completion order)";
  }
}
