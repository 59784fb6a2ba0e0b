package dev.layerwise.conformance;

import java.util.EnumSet;
import java.util.Set;

/** How a case is checked. */
public enum Mode {
  /** TF in float32 against the reference in float64: the product configuration, loose tolerances. */
  X32("tf32 vs ref64"),
  /** TF in float64 against the reference in float64: tight tolerances, catches formula differences. */
  X64("tf64 vs ref64"),
  /** Each backend's analytic gradients in float64 against central finite differences of its own forward. */
  FD64("analytic vs fd64");

  private final String label;

  Mode(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Every mode; for a convention at an exact kink or tie only the cross-backend ones (no derivative there). */
  static Set<Mode> forCase(boolean conventionOnly) {
    return conventionOnly ? EnumSet.of(X32, X64) : EnumSet.allOf(Mode.class);
  }
}
