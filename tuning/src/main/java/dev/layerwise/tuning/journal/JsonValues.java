package dev.layerwise.tuning.journal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks and conversions the events share: values that go into a journal file must come back out equal, so
 * parameters are normalised to the JSON model of {@link dev.layerwise.io.Json} (integers as {@code Long},
 * other numbers as {@code Double}) when an event is made, not when it is written.
 */
final class JsonValues {
  /** Trial ids appear in file names: letters, digits, {@code . _ -}, not starting with a dot. */
  private static final Pattern TRIAL_ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}");

  private JsonValues() {}

  static String trialId(String id) {
    if (id == null || !TRIAL_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("trial id '" + id + "' cannot name a journal file: use 1 to 64 letters, "
          + "digits, '.', '_' or '-', not starting with '.'");
    }
    return id;
  }

  static <T> T required(T value, String what) {
    if (value == null) {
      throw new IllegalArgumentException(what + " is missing");
    }
    return value;
  }

  static int nonNegative(int value, String what) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " is " + value + ", it cannot be negative");
    }
    return value;
  }

  /** An unmodifiable, insertion-ordered copy of parameters (or an intervention's changes) as JSON values. */
  static Map<String, Object> params(Map<String, ?> params, String what) {
    required(params, what);
    Map<String, Object> copy = new LinkedHashMap<>();
    params.forEach((k, v) -> copy.put(required(k, "a name in " + what), value(v, what + " '" + k + "'")));
    return Collections.unmodifiableMap(copy);
  }

  private static Object value(Object v, String what) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long) {
      return v;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException(what + " is " + d + ": a hyperparameter must be finite");
      }
      return v instanceof Float ? Double.parseDouble(v.toString()) : d;
    }
    if (v instanceof Enum<?> e) {
      return e.name();
    }
    if (v instanceof List<?> l) {
      List<Object> copy = new ArrayList<>();
      for (int i = 0; i < l.size(); i++) {
        copy.add(value(l.get(i), what + "[" + i + "]"));
      }
      return Collections.unmodifiableList(copy);
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, x) -> {
        if (!(k instanceof String s)) {
          throw new IllegalArgumentException(what + " has a key " + k + " that is not a string");
        }
        copy.put(s, value(x, what + "." + s));
      });
      return Collections.unmodifiableMap(copy);
    }
    throw new IllegalArgumentException(what + " is a " + v.getClass().getName()
        + "; a journal keeps strings, numbers, booleans, enums (as names), lists and maps of them");
  }

  /** An unmodifiable, insertion-ordered copy of metrics; NaN and infinities are kept (a diverged trial). */
  static Map<String, Double> metrics(Map<String, Double> metrics, String what) {
    required(metrics, what);
    Map<String, Double> copy = new LinkedHashMap<>();
    metrics.forEach((k, v) -> copy.put(required(k, "a name in " + what), required(v, what + " '" + k + "'")));
    return Collections.unmodifiableMap(copy);
  }

  // ---- reading back: JSON values to Java values, with messages naming the field

  static Map<String, Object> map(Object v, String what) {
    if (!(v instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(what + " is not an object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> typed = (Map<String, Object>) m;
    return typed;
  }

  static String string(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v != null && !(v instanceof String)) {
      throw new IllegalArgumentException("'" + key + "' is not a string");
    }
    return (String) v;
  }

  static long integer(Map<String, Object> m, String key) {
    if (!(m.get(key) instanceof Long l)) {
      throw new IllegalArgumentException("'" + key + "' is not an integer");
    }
    return l;
  }

  static int smallInteger(Map<String, Object> m, String key) {
    return Math.toIntExact(integer(m, key));
  }

  /** A double written by {@link dev.layerwise.io.Json}: a number, or "NaN" / "Infinity" / "-Infinity". */
  static double real(Object v, String what) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s && (s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity"))) {
      return Double.parseDouble(s);
    }
    throw new IllegalArgumentException(what + " is not a number");
  }

  static Map<String, Double> realMap(Map<String, Object> m, String key) {
    Map<String, Double> out = new LinkedHashMap<>();
    map(m.get(key), "'" + key + "'").forEach((k, v) -> out.put(k, real(v, "'" + key + "." + k + "'")));
    return out;
  }

  static Instant instant(Map<String, Object> m, String key) {
    String s = required(string(m, key), "'" + key + "'");
    return Instant.parse(s);
  }
}
