package dev.layerwise.layers;

/**
 * How {@link RandomTranslation} fills what it samples from outside the image, as Keras (TF's
 * {@code ImageProjectiveTransformV3}): for a sample coordinate c along an axis of n pixels (pixel centres at
 * 0 … n − 1).
 */
public enum FillMode {
  /** Mirror about the outer pixel edges, {@code (d c b a | a b c d | d c b a)}: c → −c − 1 below 0,
   * 2n − 1 − c above n − 1. Keras's default. */
  REFLECT,
  /** Every sample outside [0, n − 1] reads the fill value. */
  CONSTANT,
  /** The nearest edge pixel, {@code (a a a a | a b c d | d d d d)}: c clamped to [0, n − 1]. */
  NEAREST
}
