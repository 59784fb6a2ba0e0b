package dev.layerwise.io;

import dev.layerwise.Shape;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the api's immutable values — layer specs, initializers, regularizers, losses, optimizers, schedules —
 * into JSON values and back, by reflection over their record components. A record becomes Keras's config form,
 * {@code {"class_name": "Dense", "config": {"name": "dense", "units": 128, ...}}}; reading one back calls the
 * record's canonical constructor, so every validation a user's own construction goes through applies to a file
 * too. Only records reachable from the requested type (through sealed interfaces' permitted subclasses) can be
 * created: a file cannot name an arbitrary class.
 *
 * <p>Supported component types: primitives and their boxes, {@code String}, enums, records, sealed interfaces of
 * records, {@link Shape}, {@code List<…>}, {@code Map<String, …>}, {@code int[]}, {@code long[]} and
 * {@code double[]}. A map component that is empty is not written, and one that is absent reads as empty: settings
 * kept in maps (such as per-output losses) appear in a file only when used, so files written before they existed
 * read unchanged and files without them are written as before. A map is written in key order, so the same value
 * gives the same text whatever order the map was built in.
 */
public final class RecordCodec {
  private RecordCodec() {}

  /** A JSON value ({@link Json}'s model) for an api value. */
  public static Object toJson(Object value) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    if (value instanceof Double || value instanceof Float) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (value instanceof Shape s) {
      List<Object> dims = new ArrayList<>();
      for (int d : s.dims()) {
        dims.add((long) d);
      }
      return dims;
    }
    if (value instanceof int[] a) {
      List<Object> l = new ArrayList<>();
      for (int x : a) {
        l.add((long) x);
      }
      return l;
    }
    if (value instanceof long[] a) {
      List<Object> l = new ArrayList<>();
      for (long x : a) {
        l.add(x);
      }
      return l;
    }
    if (value instanceof double[] a) {
      List<Object> l = new ArrayList<>();
      for (double x : a) {
        l.add(x);
      }
      return l;
    }
    if (value instanceof List<?> list) {
      List<Object> l = new ArrayList<>();
      list.forEach(x -> l.add(toJson(x)));
      return l;
    }
    if (value instanceof Map<?, ?> map) {
      // Key order, not the map's: a user's Map.of iterates in another order in each JVM, and the same model must
      // give the same file. Reading back needs no order (a map is looked up by output name).
      Map<String, Object> m = new LinkedHashMap<>();
      new TreeMap<>(map).forEach((k, v) -> m.put((String) k, toJson(v)));
      return m;
    }
    if (value instanceof Record r) {
      Map<String, Object> config = new LinkedHashMap<>();
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        try {
          Object v = c.getAccessor().invoke(r);
          if (!(v instanceof Map<?, ?> m && m.isEmpty())) {
            config.put(c.getName(), toJson(v));
          }
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new IllegalStateException("cannot read " + r.getClass().getSimpleName() + "." + c.getName(), e);
        }
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("class_name", r.getClass().getSimpleName());
      m.put("config", config);
      return m;
    }
    throw new IllegalArgumentException("cannot store a " + value.getClass().getName());
  }

  /**
   * The api value a JSON value describes.
   *
   * @param type the expected type (a record, a sealed interface of records, ...)
   * @param path where the value sits in the file, for error messages ({@code model.layers[2]})
   */
  public static <T> T fromJson(Object json, Class<T> type, String path) {
    if (json == null) {
      throw error(path, "a " + type.getSimpleName(), "null");
    }
    return type.cast(read(json, type, path));
  }

  private static Object read(Object json, Type type, String path) {
    if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
      List<?> l = as(json, List.class, path, "a list");
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < l.size(); i++) {
        out.add(read(l.get(i), p.getActualTypeArguments()[0], path + "[" + i + "]"));
      }
      return out;
    }
    if (type instanceof ParameterizedType p && p.getRawType() == Map.class) {
      if (p.getActualTypeArguments()[0] != String.class) {
        throw new IllegalArgumentException(path + ": cannot read a map keyed by " + p.getActualTypeArguments()[0]);
      }
      Map<?, ?> m = as(json, Map.class, path, "an object");
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put((String) k, read(v, p.getActualTypeArguments()[1], path + "." + k)));
      return out;
    }
    Class<?> c = (Class<?>) type;
    if (json == null) {
      if (c.isPrimitive()) {
        throw error(path, "a value", "null");
      }
      return null;
    }
    if (c == String.class) {
      return as(json, String.class, path, "a string");
    }
    if (c == boolean.class || c == Boolean.class) {
      return as(json, Boolean.class, path, "true or false");
    }
    if (c == int.class || c == Integer.class) {
      return toInt(json, path);
    }
    if (c == long.class || c == Long.class) {
      return as(json, Long.class, path, "an integer");
    }
    if (c == double.class || c == Double.class) {
      return number(json, path);
    }
    if (c.isEnum()) {
      String name = as(json, String.class, path, "a name");
      for (Object constant : c.getEnumConstants()) {
        if (((Enum<?>) constant).name().equals(name)) {
          return constant;
        }
      }
      throw error(path, "one of " + List.of(c.getEnumConstants()), "'" + name + "'");
    }
    if (c == Shape.class) {
      return Shape.of(ints(json, path));
    }
    if (c == int[].class) {
      return ints(json, path);
    }
    if (c == long[].class) {
      List<?> l = as(json, List.class, path, "a list of integers");
      long[] a = new long[l.size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = as(l.get(i), Long.class, path + "[" + i + "]", "an integer");
      }
      return a;
    }
    if (c == double[].class) {
      List<?> l = as(json, List.class, path, "a list of numbers");
      double[] a = new double[l.size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = number(l.get(i), path + "[" + i + "]");
      }
      return a;
    }
    if (c.isRecord() || c.isSealed()) {
      return record(json, c, path);
    }
    throw new IllegalArgumentException(path + ": cannot read a " + c.getName());
  }

  private static Object record(Object json, Class<?> expected, String path) {
    Map<?, ?> m = as(json, Map.class, path, "{\"class_name\": ..., \"config\": {...}}");
    String name = as(m.get("class_name"), String.class, path + ".class_name", "a class name");
    Class<?> c = find(expected, name);
    if (c == null) {
      throw error(path + ".class_name", "a kind of " + expected.getSimpleName(), "'" + name + "'");
    }
    Map<?, ?> config = as(m.get("config"), Map.class, path + ".config", "an object");
    RecordComponent[] components = c.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent rc = components[i];
      types[i] = rc.getType();
      if (!config.containsKey(rc.getName())) {
        if (rc.getType() == Map.class) {
          args[i] = Map.of();
          continue;
        }
        throw error(path + ".config", "a value for '" + rc.getName() + "'", "none");
      }
      args[i] = read(config.get(rc.getName()), rc.getGenericType(), path + ".config." + rc.getName());
    }
    // A key the record does not have is a typo or a field of a newer Layerwise: refuse rather than drop it.
    java.util.Set<String> known = new java.util.HashSet<>();
    for (RecordComponent rc : components) {
      known.add(rc.getName());
    }
    for (Object key : config.keySet()) {
      if (!known.contains(String.valueOf(key))) {
        throw error(path + ".config", "only the fields of " + c.getSimpleName() + " " + new java.util.TreeSet<>(known),
            "an unknown field '" + key + "'");
      }
    }
    try {
      Constructor<?> ctor = c.getDeclaredConstructor(types);
      return ctor.newInstance(args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new IllegalArgumentException(path + ": " + cause.getMessage(), cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + c.getName(), e);
    }
  }

  /** The record class named {@code name} among {@code expected} and, for a sealed type, its permitted subtypes. */
  private static Class<?> find(Class<?> expected, String name) {
    if (expected.isRecord() && expected.getSimpleName().equals(name)) {
      return expected;
    }
    if (expected.isSealed()) {
      for (Class<?> sub : expected.getPermittedSubclasses()) {
        Class<?> found = find(sub, name);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static int[] ints(Object json, String path) {
    List<?> l = as(json, List.class, path, "a list of integers");
    int[] a = new int[l.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = toInt(l.get(i), path + "[" + i + "]");
    }
    return a;
  }

  /** An int, or an error naming the path (not an {@link ArithmeticException}) when the number does not fit. */
  private static int toInt(Object json, String path) {
    long v = as(json, Long.class, path, "an integer");
    if (v != (int) v) {
      throw error(path, "an integer in [" + Integer.MIN_VALUE + ", " + Integer.MAX_VALUE + "]", Long.toString(v));
    }
    return (int) v;
  }

  private static double number(Object json, String path) {
    if (json instanceof Number n) {
      return n.doubleValue();
    }
    if (json instanceof String s && (s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity"))) {
      return Double.parseDouble(s);
    }
    throw error(path, "a number", String.valueOf(json));
  }

  private static <V> V as(Object json, Class<V> type, String path, String expected) {
    if (!type.isInstance(json)) {
      throw error(path, expected, json == null ? "null" : json instanceof String s ? "'" + s + "'"
          : String.valueOf(json));
    }
    return type.cast(json);
  }

  /** {@code got} is cut short: a value read from a hostile file can be megabytes long. */
  private static IllegalArgumentException error(String path, String expected, String got) {
    String shown = got.length() <= 100 ? got : got.substring(0, 100) + "… (" + got.length() + " characters)";
    return new IllegalArgumentException(path + ": expected " + expected + ", got " + shown);
  }
}
