package dev.layerwise.tuning;

import java.util.List;
import java.util.Optional;

/**
 * The coarse-to-fine rule: a space shrunk around the best trials. Also how a new study on changed data starts
 * from an old study's best region.
 *
 * <p>For each parameter, over the best trials where it is present (values a = min, b = max), with widen w &gt; 1:
 *
 * <ul>
 *   <li>log scale: [a / w, b · w] — a factor w on each side in log space. Learning rates 1e-3..4e-3 with w = 2
 *       become [5e-4, 8e-3];
 *   <li>linear scale: [a − m, b + m] with m = (w − 1)/2 · max(b − a, W / n), W the current range's width and n the
 *       trials per round — the span scaled by w about its middle; W / n (the spacing of the round's samples) keeps a
 *       single best value or tied values from collapsing the range. Dropout 0.2..0.3 in [0, 0.5] with w = 2 and
 *       n = 10: m = 0.05, so [0.15, 0.35];
 *   <li>an integer range: the same on the reals, then rounded outwards (⌊lo⌋, ⌈hi⌉), so it keeps ≥ 2 values;
 *   <li>every new range is clipped to the <em>original</em> range (it may grow back beyond the current one);
 *   <li>a choice keeps the values seen among the best, in their original order;
 *   <li>a conditional parameter keeps the condition's values its parent can still take, and is dropped when none
 *       remains (momentum goes when no best trial used sgd); one present in none of the best keeps its range.
 * </ul>
 */
public final class Zoom {
  private Zoom() {}

  /**
   * @param original the study's space: bounds for clipping
   * @param current the space of the round just finished (a zoom of {@code original}, or {@code original})
   * @param best the best trials' hyperparameters (the top k)
   * @param widen the factor w &gt; 1
   * @param trialsPerRound n, for the linear floor W / n
   */
  public static SearchSpace around(SearchSpace original, SearchSpace current, List<Hyperparameters> best,
      double widen, int trialsPerRound) {
    if (!(widen > 1) || Double.isInfinite(widen)) {
      throw new IllegalArgumentException("zoom: expected a widening factor > 1, given " + widen);
    }
    if (best.isEmpty()) {
      throw new IllegalArgumentException("zoom: expected at least one best trial, given none");
    }
    SearchSpace zoomed = SearchSpace.empty();
    for (Parameter p : current.parameters()) {
      Optional<Condition> condition = Optional.empty();
      if (p.condition().isPresent()) {
        Condition c = p.condition().get();
        Optional<Parameter> parent = zoomed.find(c.parent());
        List<Object> still = c.values().stream().filter(v -> parent.isPresent() && parent.get().takes(v)).toList();
        if (still.isEmpty()) {
          continue;
        }
        condition = Optional.of(new Condition(c.parent(), still));
      }
      List<Object> seen = best.stream().filter(h -> h.has(p.name())).map(h -> h.get(p.name())).toList();
      Parameter o = original.find(p.name()).orElse(p);
      zoomed = zoomed.add(seen.isEmpty() ? p.withCondition(condition) : shrink(p, o, seen, widen,
          trialsPerRound, condition));
    }
    return zoomed;
  }

  private static Parameter shrink(Parameter p, Parameter original, List<Object> seen, double w, int n,
      Optional<Condition> condition) {
    if (p instanceof Parameter.Choice c) {
      return new Parameter.Choice(c.name(), c.values().stream().filter(seen::contains).toList(), condition);
    }
    double a = seen.stream().mapToDouble(v -> ((Number) v).doubleValue()).min().orElseThrow();
    double b = seen.stream().mapToDouble(v -> ((Number) v).doubleValue()).max().orElseThrow();
    if (p instanceof Parameter.RealRange r) {
      Parameter.RealRange o = (Parameter.RealRange) original;
      double[] range = widened(a, b, w, r.scale(), r.hi() - r.lo(), n);
      return new Parameter.RealRange(r.name(), Math.max(o.lo(), range[0]), Math.min(o.hi(), range[1]), r.scale(),
          condition);
    }
    Parameter.IntRange i = (Parameter.IntRange) p;
    Parameter.IntRange o = (Parameter.IntRange) original;
    double[] range = widened(a, b, w, i.scale(), i.hi() - i.lo(), n);
    int lo = (int) Math.max(o.lo(), Math.floor(range[0]));
    int hi = (int) Math.min(o.hi(), Math.ceil(range[1]));
    return new Parameter.IntRange(i.name(), lo, hi, i.scale(), condition);
  }

  /** The rule of the class comment, before clipping. */
  static double[] widened(double a, double b, double w, Scale scale, double currentWidth, int n) {
    if (scale == Scale.LOG) {
      return new double[] {a / w, b * w};
    }
    double m = (w - 1) / 2 * Math.max(b - a, currentWidth / n);
    return new double[] {a - m, b + m};
  }
}
