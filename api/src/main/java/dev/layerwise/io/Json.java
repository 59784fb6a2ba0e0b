package dev.layerwise.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The small JSON subset the model archive needs, with no dependency: values are {@code Map<String, Object>}
 * (insertion-ordered), {@code List<Object>}, {@code String}, {@code Long} (integers), {@code Double} (other
 * numbers; NaN and ±Infinity written as the strings "NaN", "Infinity", "-Infinity"), {@code Boolean} and
 * {@code null}. Doubles are written with {@link Double#toString}, which reads back to the same bits.
 *
 * <p>The parser reads text from files a user may have been sent, so it is bounded: at most {@link #MAX_LENGTH}
 * characters and {@link #MAX_DEPTH} nested arrays or objects (the parser recurses once per level; without the cap
 * a file of 200,000 {@code [} ends in a {@link StackOverflowError}). Anything beyond is an
 * {@link IllegalArgumentException} like any other malformed text.
 */
public final class Json {
  /** The most characters {@link #parse} reads: a model's {@code layerwise.json} is a few kilobytes. */
  public static final int MAX_LENGTH = 16 << 20;
  /** The deepest nesting of arrays and objects {@link #parse} reads: a model's index nests about 8 deep. */
  public static final int MAX_DEPTH = 512;

  private Json() {}

  /** A string as a JSON string literal, quoted and escaped. */
  public static String quote(String s) {
    StringBuilder b = new StringBuilder();
    quote(b, s);
    return b.toString();
  }

  /** Pretty-printed JSON text for a value. */
  public static String write(Object value) {
    StringBuilder b = new StringBuilder();
    write(b, value, 0);
    return b.append('\n').toString();
  }

  private static void write(StringBuilder b, Object v, int indent) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof String s) {
      quote(b, s);
    } else if (v instanceof Boolean || v instanceof Long || v instanceof Integer) {
      b.append(v);
    } else if (v instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        quote(b, d.toString());
      } else {
        b.append(d);
      }
    } else if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        b.append("{}");
        return;
      }
      b.append("{\n");
      int i = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        b.append("  ".repeat(indent + 1));
        quote(b, (String) e.getKey());
        b.append(": ");
        write(b, e.getValue(), indent + 1);
        b.append(++i < m.size() ? ",\n" : "\n");
      }
      b.append("  ".repeat(indent)).append('}');
    } else if (v instanceof List<?> l) {
      boolean flat = l.stream().noneMatch(x -> x instanceof Map || x instanceof List);
      b.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (!flat) {
          b.append('\n').append("  ".repeat(indent + 1));
        }
        write(b, l.get(i), indent + 1);
        if (i + 1 < l.size()) {
          b.append(flat ? ", " : ",");
        }
      }
      if (!flat && !l.isEmpty()) {
        b.append('\n').append("  ".repeat(indent));
      }
      b.append(']');
    } else {
      throw new IllegalArgumentException("cannot write " + v.getClass().getName() + " as JSON");
    }
  }

  private static void quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  /** Parses JSON text; malformed input gives an {@link IllegalArgumentException} with the position. */
  public static Object parse(String text) {
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("JSON text of " + text.length() + " characters is longer than the "
          + MAX_LENGTH + " this reader accepts");
    }
    Parser p = new Parser(text);
    p.skipSpace();
    Object v = p.value();
    p.skipSpace();
    if (p.pos != text.length()) {
      throw p.error("unexpected text after the value");
    }
    return v;
  }

  private static final class Parser {
    private final String s;
    private int pos;
    private int depth;

    Parser(String s) {
      this.s = s;
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException("malformed JSON at character " + pos + ": " + what);
    }

    void skipSpace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    char peek() {
      if (pos >= s.length()) {
        throw error("unexpected end of text");
      }
      return s.charAt(pos);
    }

    void expect(char c) {
      if (peek() != c) {
        throw error("expected '" + c + "', found '" + peek() + "'");
      }
      pos++;
    }

    Object value() {
      char c = peek();
      return switch (c) {
        case '{', '[' -> nested(c);
        case '"' -> string();
        case 't', 'f', 'n' -> literal();
        default -> number();
      };
    }

    /** An object or an array, one level deeper; refused past {@link #MAX_DEPTH}. */
    Object nested(char open) {
      if (++depth > MAX_DEPTH) {
        throw error("nested more than " + MAX_DEPTH + " levels deep");
      }
      Object v = open == '{' ? object() : array();
      depth--;
      return v;
    }

    Map<String, Object> object() {
      expect('{');
      Map<String, Object> m = new LinkedHashMap<>();
      skipSpace();
      if (peek() == '}') {
        pos++;
        return m;
      }
      while (true) {
        skipSpace();
        String key = string();
        skipSpace();
        expect(':');
        skipSpace();
        m.put(key, value());
        skipSpace();
        if (peek() == ',') {
          pos++;
        } else {
          expect('}');
          return m;
        }
      }
    }

    List<Object> array() {
      expect('[');
      List<Object> l = new ArrayList<>();
      skipSpace();
      if (peek() == ']') {
        pos++;
        return l;
      }
      while (true) {
        skipSpace();
        l.add(value());
        skipSpace();
        if (peek() == ',') {
          pos++;
        } else {
          expect(']');
          return l;
        }
      }
    }

    String string() {
      expect('"');
      StringBuilder b = new StringBuilder();
      while (true) {
        char c = peek();
        pos++;
        if (c == '"') {
          return b.toString();
        }
        if (c == '\\') {
          char e = peek();
          pos++;
          switch (e) {
            case 'n' -> b.append('\n');
            case 'r' -> b.append('\r');
            case 't' -> b.append('\t');
            case 'b' -> b.append('\b');
            case 'f' -> b.append('\f');
            case 'u' -> {
              if (pos + 4 > s.length()) {
                throw error("truncated \\u escape");
              }
              String hex = s.substring(pos, pos + 4);
              if (!hex.chars().allMatch(h -> "0123456789abcdefABCDEF".indexOf(h) >= 0)) {
                throw error("bad \\u escape '\\u" + hex + "'");
              }
              b.append((char) Integer.parseInt(hex, 16));
              pos += 4;
            }
            default -> b.append(e);
          }
        } else {
          b.append(c);
        }
      }
    }

    Object literal() {
      for (String word : new String[] {"true", "false", "null"}) {
        if (s.startsWith(word, pos)) {
          pos += word.length();
          return word.equals("null") ? null : Boolean.valueOf(word);
        }
      }
      throw error("expected true, false or null");
    }

    Object number() {
      int start = pos;
      while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
        pos++;
      }
      String t = s.substring(start, pos);
      if (t.isEmpty()) {
        throw error("expected a value");
      }
      try {
        return t.contains(".") || t.contains("e") || t.contains("E") ? (Object) Double.parseDouble(t)
            : (Object) Long.parseLong(t);
      } catch (NumberFormatException e) {
        throw error("bad number '" + t + "'");
      }
    }
  }
}
