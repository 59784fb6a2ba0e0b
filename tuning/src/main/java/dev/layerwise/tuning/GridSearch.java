package dev.layerwise.tuning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Every combination: each choice's values × {@code points} values per range, in one step.
 *
 * <p>A real range gives {@code points} values from lo to hi inclusive, evenly spaced (geometrically for a log
 * scale: 1e-4..1e-1 with 4 points is 1e-4, 1e-3, 1e-2, 1e-1); one point gives the (geometric) middle. An integer
 * range gives the same points rounded, duplicates dropped. A conditional parameter is expanded only in the
 * combinations where its condition holds: optimizer {sgd, adam} × lr (3 points) × momentum (3 points, sgd only)
 * is 3·3 (sgd) + 3 (adam) = 12 trials, not 2·3·3 = 18. Prefer {@link RandomSearch}: a grid spends most trials
 * repeating the values of the parameters that do not matter.
 */
public final class GridSearch extends OneStepSearch {
  private final int points;
  private final int epochs;
  private final long seed;

  public GridSearch(SearchSpace space, int points, int epochs, long seed) {
    super(space);
    Ranking.checkPositive("GridSearch", "points per range", points);
    Ranking.checkPositive("GridSearch", "epochs", epochs);
    this.points = points;
    this.epochs = epochs;
    this.seed = seed;
  }

  /** The grid's values of one parameter. */
  public List<Object> values(Parameter p) {
    if (p instanceof Parameter.Choice c) {
      return c.values();
    }
    boolean log = p instanceof Parameter.RealRange r ? r.scale() == Scale.LOG
        : ((Parameter.IntRange) p).scale() == Scale.LOG;
    double lo = p instanceof Parameter.RealRange r ? r.lo() : ((Parameter.IntRange) p).lo();
    double hi = p instanceof Parameter.RealRange r ? r.hi() : ((Parameter.IntRange) p).hi();
    LinkedHashSet<Object> out = new LinkedHashSet<>();
    for (int j = 0; j < points; j++) {
      double t = points == 1 ? 0.5 : (double) j / (points - 1);
      double x = log ? Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo))) : lo + t * (hi - lo);
      x = j == points - 1 && points > 1 ? hi : x; // exactly hi, not hi ± rounding
      out.add(p instanceof Parameter.RealRange ? (Object) x : (Object) (int) Math.round(x));
    }
    return new ArrayList<>(out);
  }

  /** Every combination, numbered in order (the first parameter varies slowest). */
  public List<TrialSpec> trials() {
    List<Map<String, Object>> combos = new ArrayList<>();
    combos.add(new LinkedHashMap<>());
    for (Parameter p : space().parameters()) {
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> combo : combos) {
        if (!p.condition().map(c -> c.holds(combo)).orElse(true)) {
          next.add(combo);
          continue;
        }
        for (Object v : values(p)) {
          Map<String, Object> more = new LinkedHashMap<>(combo);
          more.put(p.name(), v);
          next.add(more);
        }
      }
      combos = next;
    }
    List<TrialSpec> all = new ArrayList<>();
    for (Map<String, Object> combo : combos) {
      all.add(new TrialSpec(all.size(), Hyperparameters.of(combo), seed, epochs));
    }
    return all;
  }

  @Override
  public String describe() {
    return "grid search: " + points + " points per range, " + trials().size() + " trials of " + epochs
        + " epochs";
  }
}
