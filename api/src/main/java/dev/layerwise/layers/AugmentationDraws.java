package dev.layerwise.layers;

/** The wording of a refused augmentation parameter, shared by the augmentation layers' {@code checkDraw}. */
final class AugmentationDraws {
  private AugmentationDraws() {}

  static void check(Augmentation layer, String parameter, double value, boolean ok, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(String.format("%s: the %s must be %s, got %s", layer.describe(), parameter,
          expected, value));
    }
  }

  /** Checks a factor bound in [low, high], naming the argument. */
  static void bound(String layer, String argument, double value, double low, double high) {
    if (!(value >= low && value <= high)) {
      throw new IllegalArgumentException(String.format("%s: %s must be in [%s, %s], got %s", layer, argument, low,
          high, value));
    }
  }
}
