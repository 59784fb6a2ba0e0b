package dev.layerwise.reference;

import dev.layerwise.spi.NonFiniteStepException;

/**
 * The reference backend's side of the training-step guard ({@link NonFiniteStepException} says what is checked,
 * in which order; the TF backend does the same in its graph). Checks run in the model driver, between the
 * equations and the writes, never inside an equations class.
 */
final class RefStepGuard {
  private RefStepGuard() {}

  /** Throws, naming the quantity, unless every value is finite. */
  static void requireFinite(String quantity, double... values) {
    if (!allFinite(values)) {
      throw new NonFiniteStepException(quantity, NonFiniteStepException.kindOf(values));
    }
  }

  static boolean allFinite(double[] values) {
    for (double v : values) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }
}
