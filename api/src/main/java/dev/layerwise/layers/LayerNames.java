package dev.layerwise.layers;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.regex.Pattern;

/** Validates user-given layer names: they become TF scope names, so the same character rules apply. */
final class LayerNames {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]*");

  private LayerNames() {}

  /** {@code Dense 'dense_1'}, or just {@code Dense} while unnamed. */
  static String describe(String type, String name) {
    return name == null ? type : type + " '" + name + "'";
  }

  static String check(String type, String name) {
    checkArgument(name == null || VALID.matcher(name).matches(),
        "%s: name must match %s (letters, digits, '_', '.', '-'; no '/'), got '%s'", type, VALID, name);
    return name;
  }
}
