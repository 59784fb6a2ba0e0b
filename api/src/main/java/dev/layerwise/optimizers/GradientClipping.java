package dev.layerwise.optimizers;

import static java.util.Objects.requireNonNull;

/**
 * Gradient clipping, applied to the gradients before the update rule (Keras's {@code clipvalue},
 * {@code clipnorm} and {@code global_clipnorm}):
 *
 * <ul>
 *   <li>{@link Kind#VALUE}: each element clipped to [−c, c]
 *   <li>{@link Kind#NORM}: each gradient tensor scaled by {@code c / max(‖g‖₂, c)}, so its norm is at most c
 *   <li>{@link Kind#GLOBAL_NORM}: every tensor scaled by {@code c / max(G, c)}, G the norm of all gradients taken
 *       together: the direction of the whole update is kept
 * </ul>
 *
 * <p>Order of operations, on both backends: the factor {@code c / max(‖g‖, c)} is computed first and then
 * multiplied in, so a gradient at or below the threshold is multiplied by exactly 1 and passes unchanged.
 *
 * <p>An exploding gradient then takes a bounded step instead of throwing the weights far away.
 */
public record GradientClipping(Kind kind, double threshold) {
  /** Which clipping. */
  public enum Kind {
    NONE,
    VALUE,
    NORM,
    GLOBAL_NORM
  }

  public static final GradientClipping NONE = new GradientClipping(Kind.NONE, Double.NaN);

  public GradientClipping {
    requireNonNull(kind, "GradientClipping: kind");
    if (kind != Kind.NONE && !(threshold > 0 && Double.isFinite(threshold))) {
      throw new IllegalArgumentException("gradient clipping (" + kind.name().toLowerCase(java.util.Locale.ROOT)
          + "): the threshold must be positive and finite, got " + threshold);
    }
  }

  public static GradientClipping byValue(double clipValue) {
    return new GradientClipping(Kind.VALUE, clipValue);
  }

  public static GradientClipping byNorm(double clipNorm) {
    return new GradientClipping(Kind.NORM, clipNorm);
  }

  public static GradientClipping byGlobalNorm(double clipNorm) {
    return new GradientClipping(Kind.GLOBAL_NORM, clipNorm);
  }

  public boolean isNone() {
    return kind == Kind.NONE;
  }
}
