package dev.layerwise.tuning;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The four kinds of hyperparameter value, their exact (hashed) and short (shown) forms. */
final class Values {
  private Values() {}

  static final String KINDS = "Double, Integer, String or Boolean";

  /** Names are written as {@code name=value;…}, so '=' and ';' are reserved. */
  static void checkName(String what, String name) {
    if (name == null || name.isBlank() || name.contains("=") || name.contains(";")) {
      throw new IllegalArgumentException(what + " names must be non-blank and free of '=' and ';', given "
          + (name == null ? "null" : "'" + name + "'"));
    }
  }

  static boolean isValue(Object v) {
    return v instanceof Double || v instanceof Integer || v instanceof String || v instanceof Boolean;
  }

  /** Exact and type-tagged, so the string "1", the integer 1 and the double 1.0 differ: {@code i:1}. */
  static String canonical(Object v) {
    if (v instanceof Double d) {
      return "d:" + d;
    } else if (v instanceof Integer i) {
      return "i:" + i;
    } else if (v instanceof Boolean b) {
      return "b:" + b;
    }
    return "s:" + ((String) v).length() + ":" + v; // the length keeps "a;b" from reading as two values
  }

  /** For people: doubles to 3 significant digits ({@code 0.00123}, {@code 1.23E-7}), the rest as is. */
  static String shown(Object v) {
    if (v instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        return d.toString();
      }
      if (d == 0.0) {
        return "0";
      }
      BigDecimal b = new BigDecimal(d).round(new MathContext(3)).stripTrailingZeros();
      double a = Math.abs(d);
      return a >= 1e-5 && a < 1e7 ? b.toPlainString() : b.toString();
    }
    return String.valueOf(v);
  }

  /** The value and its type, for error messages: {@code 3 (Long)}. */
  static String typed(Object v) {
    return v == null ? "null" : v + " (" + v.getClass().getSimpleName() + ")";
  }

  /** The first {@code hexChars} hex digits of SHA-256 of the text. */
  static String hash(String text, int hexChars) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d).substring(0, hexChars);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
