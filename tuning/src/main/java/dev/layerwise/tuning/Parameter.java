package dev.layerwise.tuning;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.StringJoiner;

/**
 * One dimension of a {@link SearchSpace}: a choice among values, a real range or an integer range, each optionally
 * conditional. The records check their own bounds, so every way of building a space gives the same messages: what,
 * which parameter, what was expected, what was given.
 */
public sealed interface Parameter permits Parameter.Choice, Parameter.RealRange, Parameter.IntRange {
  String name();

  /** Present when the parameter exists only for some values of an earlier one. */
  Optional<Condition> condition();

  /** The same parameter under another condition (or none). */
  Parameter withCondition(Optional<Condition> condition);

  /** One value, as the space's sampling rule says. */
  Object sample(Random random);

  /** Whether a draw can give exactly {@code value} (used to refuse conditions that never hold). */
  boolean takes(Object value);

  /** Exact, for the space's fingerprint. */
  String canonical();

  /** Exact definition with its condition appended. */
  default String canonicalWithCondition() {
    return canonical() + condition().map(c -> " when " + c.canonical()).orElse("");
  }

  /** A choice among explicit values: an optimizer, an activation, a handful of batch sizes. */
  record Choice(String name, List<Object> values, Optional<Condition> condition) implements Parameter {
    public Choice {
      checkName(name);
      if (values.isEmpty()) {
        throw new IllegalArgumentException(
            "choice '" + name + "': expected at least one value (of type " + Values.KINDS + "), given none");
      }
      var seen = new HashSet<>();
      for (Object v : values) {
        if (!Values.isValue(v)) {
          throw new IllegalArgumentException("choice '" + name + "': expected values of type " + Values.KINDS
              + ", given " + Values.typed(v));
        }
        if (!seen.add(v)) {
          throw new IllegalArgumentException(
              "choice '" + name + "': expected distinct values, given " + v + " twice in " + values);
        }
      }
      values = List.copyOf(values);
    }

    @Override
    public Parameter withCondition(Optional<Condition> c) {
      return new Choice(name, values, c);
    }

    @Override
    public Object sample(Random random) {
      return values.get(random.nextInt(values.size()));
    }

    @Override
    public boolean takes(Object value) {
      return values.contains(value);
    }

    @Override
    public String canonical() {
      StringJoiner j = new StringJoiner(",", "choice " + name + " [", "]");
      values.forEach(v -> j.add(Values.canonical(v)));
      return j.toString();
    }
  }

  /** A real in [lo, hi): {@code uniform} (linear) or {@code logUniform} (log-uniform: ln x uniform). */
  record RealRange(String name, double lo, double hi, Scale scale, Optional<Condition> condition)
      implements Parameter {
    public RealRange {
      checkName(name);
      checkRange(scale == Scale.LOG ? "logUniform" : "uniform", name, lo, hi, scale);
    }

    @Override
    public Parameter withCondition(Optional<Condition> c) {
      return new RealRange(name, lo, hi, scale, c);
    }

    @Override
    public Object sample(Random random) {
      double u = random.nextDouble();
      if (scale == Scale.LOG) {
        return Math.min(hi, Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))));
      }
      return lo + u * (hi - lo);
    }

    /** A continuous range takes any single value with probability 0. */
    @Override
    public boolean takes(Object value) {
      return false;
    }

    @Override
    public String canonical() {
      return (scale == Scale.LOG ? "logUniform " : "uniform ") + name + " [" + lo + "," + hi + "]";
    }
  }

  /**
   * An integer in [lo, hi], both ends included: linear, or log (k drawn as ⌊exp U(ln lo, ln(hi + 1))⌋, so
   * P(k) ∝ ln((k + 1)/k) and each doubling of k gets the same share — hidden units 16..1024).
   */
  record IntRange(String name, int lo, int hi, Scale scale, Optional<Condition> condition) implements Parameter {
    public IntRange {
      checkName(name);
      checkRange(scale == Scale.LOG ? "intRange (log)" : "intRange", name, lo, hi, scale);
    }

    @Override
    public Parameter withCondition(Optional<Condition> c) {
      return new IntRange(name, lo, hi, scale, c);
    }

    @Override
    public Object sample(Random random) {
      if (scale == Scale.LOG) {
        double x = Math.exp(Math.log(lo) + random.nextDouble() * (Math.log(hi + 1.0) - Math.log(lo)));
        return (int) Math.max(lo, Math.min(hi, Math.floor(x)));
      }
      return (int) (lo + (long) (random.nextDouble() * ((long) hi - lo + 1)));
    }

    @Override
    public boolean takes(Object value) {
      return value instanceof Integer i && i >= lo && i <= hi;
    }

    @Override
    public String canonical() {
      return (scale == Scale.LOG ? "intRange log " : "intRange ") + name + " [" + lo + "," + hi + "]";
    }
  }

  private static void checkName(String name) {
    Values.checkName("parameter", name);
  }

  private static void checkRange(String kind, String name, double lo, double hi, Scale scale) {
    String given = "[" + Values.shown(lo) + ", " + Values.shown(hi) + "]";
    if (scale == null) {
      throw new IllegalArgumentException(kind + " '" + name + "': expected a scale (LINEAR or LOG), given null");
    }
    if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
      throw new IllegalArgumentException(kind + " '" + name + "': expected finite bounds, given " + given);
    }
    if (lo > hi) {
      throw new IllegalArgumentException(
          kind + " '" + name + "': the range " + given + " is inverted; expected lo < hi");
    }
    if (lo == hi) {
      throw new IllegalArgumentException(kind + " '" + name + "': the range " + given
          + " is empty; expected lo < hi (for a constant use choice(\"" + name + "\", " + Values.shown(lo) + "))");
    }
    if (scale == Scale.LOG && lo <= 0) {
      String what = hi <= 0 ? "is negative or 0" : lo == 0 ? "contains 0" : "contains 0 and negatives";
      throw new IllegalArgumentException(kind + " '" + name + "': a log scale needs 0 < lo < hi, but the range "
          + given + " " + what + "; use a linear scale or a positive lower bound such as 1e-6");
    }
  }
}
