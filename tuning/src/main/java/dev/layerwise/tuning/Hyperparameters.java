package dev.layerwise.tuning;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * One trial's hyperparameter values, in the order of the search space: {@code {lr=0.00123, units=128}}. Values are
 * Double, Integer, String or Boolean. A conditional parameter whose condition did not hold is absent, so ask
 * {@link #has} before reading it.
 *
 * <p>Two sets with the same names and values are equal whatever their order, and share one {@link #id()}: a short
 * hash of the canonical form (names sorted, values exact and typed), stable across runs and JVMs, so a journal can
 * use it as an idempotent key.
 */
public final class Hyperparameters {
  private final Map<String, Object> values;

  private Hyperparameters(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /** The values in the given map's iteration order; each must be Double, Integer, String or Boolean. */
  public static Hyperparameters of(Map<String, ?> values) {
    Map<String, Object> copy = new LinkedHashMap<>();
    values.forEach((name, v) -> {
      Values.checkName("hyperparameter", name);
      if (!Values.isValue(v)) {
        throw new IllegalArgumentException(
            "hyperparameter '" + name + "': expected a " + Values.KINDS + ", given " + Values.typed(v));
      }
      copy.put(name, v);
    });
    return new Hyperparameters(copy);
  }

  /** No values. */
  public static Hyperparameters empty() {
    return new Hyperparameters(new LinkedHashMap<>());
  }

  /** A copy with {@code name} set to {@code value} (added last if new): the panda's change of learning rate. */
  public Hyperparameters with(String name, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(values);
    copy.put(name, value);
    return of(copy);
  }

  /** The values, read-only, in the order of the space. */
  public Map<String, Object> values() {
    return values;
  }

  /** Whether the parameter is present (a conditional parameter is absent when its condition did not hold). */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** The value as it is stored. */
  public Object get(String name) {
    Object v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException(
          "no hyperparameter '" + name + "' in " + this + "; these exist: " + values.keySet()
              + " (a conditional parameter is absent when its condition does not hold: check has(name))");
    }
    return v;
  }

  /** A Double, or an Integer widened to double. */
  public double getDouble(String name) {
    Object v = get(name);
    if (v instanceof Double || v instanceof Integer) {
      return ((Number) v).doubleValue();
    }
    throw wrongKind(name, v, "a number");
  }

  /** An Integer (a Double is refused rather than rounded). */
  public int getInt(String name) {
    if (get(name) instanceof Integer i) {
      return i;
    }
    throw wrongKind(name, get(name), "an Integer");
  }

  public String getString(String name) {
    if (get(name) instanceof String s) {
      return s;
    }
    throw wrongKind(name, get(name), "a String");
  }

  public boolean getBoolean(String name) {
    if (get(name) instanceof Boolean b) {
      return b;
    }
    throw wrongKind(name, get(name), "a Boolean");
  }

  private IllegalArgumentException wrongKind(String name, Object v, String expected) {
    return new IllegalArgumentException(
        "hyperparameter '" + name + "': expected " + expected + ", given " + Values.typed(v));
  }

  /** Names sorted, values exact and typed: {@code lr=d:0.00123;units=i:128}. */
  public String canonical() {
    return encode(new TreeMap<>(values));
  }

  /**
   * In order, values exact and typed ({@code units=i:128;lr=d:0.00123;optimizer=s:3:sgd}): a journal's text form,
   * read back by {@link #parse} into an equal set in the same order.
   */
  public String encoded() {
    return encode(values);
  }

  private static String encode(Map<String, Object> values) {
    StringJoiner j = new StringJoiner(";");
    values.forEach((name, v) -> j.add(name + "=" + Values.canonical(v)));
    return j.toString();
  }

  /** The set {@link #encoded()} (or {@link #canonical()}) wrote. */
  public static Hyperparameters parse(String text) {
    Map<String, Object> values = new LinkedHashMap<>();
    int i = 0;
    try {
      while (i < text.length()) {
        int eq = text.indexOf('=', i);
        String name = text.substring(i, eq);
        char tag = text.charAt(eq + 1);
        int start = eq + 3; // after "t:"
        int end;
        Object v;
        if (tag == 's') {
          int colon = text.indexOf(':', start);
          end = colon + 1 + Integer.parseInt(text.substring(start, colon));
          v = text.substring(colon + 1, end);
        } else {
          end = text.indexOf(';', start) < 0 ? text.length() : text.indexOf(';', start);
          String t = text.substring(start, end);
          v = switch (tag) {
            case 'd' -> Double.parseDouble(t);
            case 'i' -> Integer.parseInt(t);
            case 'b' -> Boolean.parseBoolean(t);
            default -> throw new IllegalArgumentException("unknown type tag '" + tag + "'");
          };
        }
        values.put(name, v);
        i = end + 1;
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("hyperparameters: cannot read '" + text + "' at character " + i
          + " (expected name=tag:value;… as encoded() writes): " + e.getMessage(), e);
    }
    return of(values);
  }

  /** 12 hex digits of SHA-256 of {@link #canonical()}: the same values give the same id on any machine. */
  public String id() {
    return Values.hash(canonical(), 12);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hyperparameters h && h.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  /** {@code {lr=0.00123, units=128}}: doubles to 3 significant digits, for people (ids use the exact form). */
  @Override
  public String toString() {
    StringJoiner j = new StringJoiner(", ", "{", "}");
    values.forEach((name, v) -> j.add(name + "=" + Values.shown(v)));
    return j.toString();
  }
}
