package dev.layerwise.tuning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.StringJoiner;

/**
 * The hyperparameters of a search and how each is drawn, built fluently and immutably:
 *
 * <pre>{@code
 * SearchSpace space = SearchSpace.empty()
 *     .logUniform("lr", 1e-4, 1e-1)          // rates on a log scale
 *     .logUniform("l2", 1e-6, 1e-2)
 *     .intRange("units", 32, 512, Scale.LOG)
 *     .choice("optimizer", "adam", "sgd")
 *     .uniform("momentum", 0.8, 0.99).when("optimizer", "sgd");
 * }</pre>
 *
 * <p>The course's order of importance: the learning rate first; then momentum, minibatch size and hidden units;
 * then layers and decay. Parameters are drawn in definition order, so a condition may only name a parameter defined
 * before it. {@link #fingerprint()} hashes the exact definition: a journal records it and refuses to resume a study
 * under a different space.
 */
public final class SearchSpace {
  private final List<Parameter> parameters;

  private SearchSpace(List<Parameter> parameters) {
    this.parameters = List.copyOf(parameters);
  }

  /** A space with no parameters, to add to. */
  public static SearchSpace empty() {
    return new SearchSpace(List.of());
  }

  /** One of the values, each equally likely (Double, Integer, String or Boolean). */
  public SearchSpace choice(String name, Object... values) {
    return add(new Parameter.Choice(name, Arrays.asList(values), Optional.empty()));
  }

  /** One of the values, each equally likely. */
  public SearchSpace choice(String name, List<?> values) {
    return add(new Parameter.Choice(name, new ArrayList<>(values), Optional.empty()));
  }

  /** A real in [lo, hi), uniformly: for dropout rates, momentum, β. */
  public SearchSpace uniform(String name, double lo, double hi) {
    return add(new Parameter.RealRange(name, lo, hi, Scale.LINEAR, Optional.empty()));
  }

  /** A real in [lo, hi) whose logarithm is uniform, {@code 0 < lo}: for learning rates and regularisation strengths. */
  public SearchSpace logUniform(String name, double lo, double hi) {
    return add(new Parameter.RealRange(name, lo, hi, Scale.LOG, Optional.empty()));
  }

  /** An integer in [lo, hi], both included, uniformly. */
  public SearchSpace intRange(String name, int lo, int hi) {
    return intRange(name, lo, hi, Scale.LINEAR);
  }

  /** An integer in [lo, hi], both included, on the given scale (LOG for units or batch sizes; {@code 0 < lo}). */
  public SearchSpace intRange(String name, int lo, int hi, Scale scale) {
    return add(new Parameter.IntRange(name, lo, hi, scale, Optional.empty()));
  }

  /**
   * Makes the last parameter conditional: it exists only when {@code parent} (defined before it, a choice or an
   * integer range) takes one of {@code values}.
   */
  public SearchSpace when(String parent, Object... values) {
    if (parameters.isEmpty()) {
      throw new IllegalArgumentException(
          "when(\"" + parent + "\", ...) applies to the last parameter defined, but none is defined yet");
    }
    Parameter last = parameters.get(parameters.size() - 1);
    if (last.condition().isPresent()) {
      throw new IllegalArgumentException("parameter '" + last.name() + "': expected one condition, given a second ("
          + parent + " in " + Arrays.asList(values) + ") after " + last.condition().get());
    }
    List<Parameter> before = new ArrayList<>(parameters.subList(0, parameters.size() - 1));
    return new SearchSpace(before)
        .add(last.withCondition(Optional.of(new Condition(parent, Arrays.asList(values)))));
  }

  /** The space with one more parameter, checked: a new name, and a condition that can hold. */
  public SearchSpace add(Parameter p) {
    for (Parameter q : parameters) {
      if (q.name().equals(p.name())) {
        throw new IllegalArgumentException("duplicate parameter '" + p.name() + "': expected a new name, given "
            + shown(p) + " but it is already " + shown(q));
      }
    }
    p.condition().ifPresent(c -> checkCondition(p.name(), c));
    List<Parameter> more = new ArrayList<>(parameters);
    more.add(p);
    return new SearchSpace(more);
  }

  private void checkCondition(String name, Condition c) {
    String what = "condition of '" + name + "'";
    if (c.parent().equals(name)) {
      throw new IllegalArgumentException(what + ": expected another parameter, given '" + name + "' itself");
    }
    Parameter parent = find(c.parent()).orElseThrow(() -> new IllegalArgumentException(what
        + ": unknown parameter '" + c.parent() + "'; expected one defined before '" + name + "': " + names()));
    if (c.values().isEmpty()) {
      throw new IllegalArgumentException(
          what + ": expected at least one value of '" + c.parent() + "', given none; the condition never holds");
    }
    if (parent instanceof Parameter.RealRange) {
      throw new IllegalArgumentException(what + ": '" + c.parent() + "' is a continuous range ("
          + shown(parent) + "), which takes any single value with probability 0, so the condition never "
          + "holds; expected a choice or an integer range as parent");
    }
    for (Object v : c.values()) {
      if (!parent.takes(v)) {
        throw new IllegalArgumentException(what + ": '" + c.parent() + "' never takes " + Values.typed(v)
            + ", so '" + name + "' would never be drawn; expected a value it takes: " + shown(parent));
      }
    }
  }

  /** The parameters in definition (and drawing) order. */
  public List<Parameter> parameters() {
    return parameters;
  }

  /** The parameter named {@code name}, if any. */
  public Optional<Parameter> find(String name) {
    return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** The names of the parameters sampled on a log scale ({@code logUniform}, log {@code intRange}). */
  public java.util.Set<String> logScaleNames() {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (Parameter p : parameters) {
      if ((p instanceof Parameter.RealRange r && r.scale() == Scale.LOG)
          || (p instanceof Parameter.IntRange i && i.scale() == Scale.LOG)) {
        out.add(p.name());
      }
    }
    return out;
  }

  /** The names in definition order. */
  public List<String> names() {
    return parameters.stream().map(Parameter::name).toList();
  }

  /** One draw: each parameter in order, a conditional one only when its condition holds on the values so far. */
  public Hyperparameters sample(Random random) {
    Map<String, Object> drawn = new LinkedHashMap<>();
    for (Parameter p : parameters) {
      if (p.condition().map(c -> c.holds(drawn)).orElse(true)) {
        drawn.put(p.name(), p.sample(random));
      }
    }
    return Hyperparameters.of(drawn);
  }

  /** The exact definition, one parameter a line, in order. */
  public String canonical() {
    StringJoiner j = new StringJoiner("\n");
    parameters.forEach(p -> j.add(p.canonicalWithCondition()));
    return j.toString();
  }

  /** 16 hex digits of SHA-256 of {@link #canonical()}: equal exactly when the definitions are. */
  public String fingerprint() {
    return Values.hash(canonical(), 16);
  }

  /** For people: one parameter a line with its range, scale and condition. */
  public String describe() {
    StringBuilder b = new StringBuilder("search space (" + parameters.size() + " parameters, fingerprint "
        + fingerprint() + ")");
    for (Parameter p : parameters) {
      b.append("\n  ").append(p.name()).append(": ").append(shown(p));
      p.condition().ifPresent(c -> b.append(", only when ").append(c));
    }
    return b.toString();
  }

  private static String shown(Parameter p) {
    if (p instanceof Parameter.Choice c) {
      return "one of " + c.values();
    } else if (p instanceof Parameter.RealRange r) {
      return (r.scale() == Scale.LOG ? "log-uniform in [" : "uniform in [") + Values.shown(r.lo()) + ", "
          + Values.shown(r.hi()) + ")";
    }
    Parameter.IntRange i = (Parameter.IntRange) p;
    return "integer in [" + i.lo() + ", " + i.hi() + "]" + (i.scale() == Scale.LOG ? ", log scale" : "");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SearchSpace s && s.parameters.equals(parameters);
  }

  @Override
  public int hashCode() {
    return parameters.hashCode();
  }

  @Override
  public String toString() {
    return describe();
  }
}
