package dev.layerwise.reference.optimizers;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;

/** Argument checks shared by the update rules; every message names the rule, the argument, what it expected and got. */
final class UpdateChecks {
  private UpdateChecks() {}

  /** One slot array per slot name, and gradient and slots each the size of the weight. */
  static void arrays(String rule, List<String> slotNames, double[] w, double[] g, double[][] slots) {
    checkArgument(slots.length == slotNames.size(), "%s keeps %s, got %s slot arrays", rule,
        slotNames.isEmpty() ? "no slots" : slotNames.size() + " slots " + slotNames, slots.length);
    checkArgument(g.length == w.length, "%s: the gradient must have the weight's %s values, got %s", rule,
        w.length, g.length);
    for (int k = 0; k < slots.length; k++) {
      checkArgument(slots[k].length == w.length, "%s: slot '%s' must have the weight's %s values, got %s", rule,
          slotNames.get(k), w.length, slots[k].length);
    }
  }

  /** The 1-based update index t that bias corrections raise β to. */
  static void step(String rule, long step) {
    checkArgument(step >= 1, "%s: the step index t is 1-based, got %s", rule, step);
  }

  static void unitInterval(String rule, String name, double value) {
    checkArgument(value >= 0 && value < 1, "%s: %s must be in [0, 1), got %s", rule, name, value);
  }

  static void closedUnitInterval(String rule, String name, double value) {
    checkArgument(value >= 0 && value <= 1, "%s: %s must be in [0, 1], got %s", rule, name, value);
  }

  static void positive(String rule, String name, double value) {
    checkArgument(value > 0 && Double.isFinite(value), "%s: %s must be positive and finite, got %s", rule, name,
        value);
  }

  static void nonNegative(String rule, String name, double value) {
    checkArgument(value >= 0 && Double.isFinite(value), "%s: %s must be non-negative and finite, got %s", rule,
        name, value);
  }
}
