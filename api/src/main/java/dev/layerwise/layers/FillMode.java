package dev.layerwise.layers;

/**
 * How {@link RandomRotation}, {@link RandomZoom} and {@link RandomTranslation} (all but {@code WRAP}) fill output
 * pixels whose sample point falls outside the input image (Keras's {@code fill_mode}, with the semantics of TF's
 * {@code ImageProjectiveTransformV3} kernel, which follows scipy's {@code ndimage}). A sample coordinate v along an
 * axis of {@code len} pixels is mapped into {@code [0, len − 1]} before interpolating; the drawings show a row
 * {@code a b c d}:
 *
 * <ul>
 *   <li>{@link #REFLECT} {@code (d c b a | a b c d | d c b a)}: v folds about the outer edges of the end pixels,
 *       with period {@code 2·len}: {@code v < 0 → −v − 1}, {@code v ≥ len → 2·len − v − 1} (after reducing modulo
 *       {@code 2·len}), then clamped;
 *   <li>{@link #WRAP} {@code (a b c d | a b c d | a b c d)}: v shifts by a multiple of {@code len} chosen as TF
 *       does ({@code v + len·(⌊−v/(len−1)⌋ + 1)} below 0, {@code v − len·⌊v/(len−1)⌋} above {@code len − 1},
 *       ⌊⌋ toward zero), then clamped: a true wrap for points less than {@code len − 1} pixels outside; farther
 *       points can land on an edge pixel instead;
 *   <li>{@link #CONSTANT} {@code (k k k k | a b c d | k k k k)}: v is left as it is, and every pixel outside
 *       the image reads the fill value k (so a point less than a pixel outside blends the edge with k when
 *       bilinear, and takes the edge pixel when nearest and less than half a pixel outside, as TF 2.18 does);
 *   <li>{@link #NEAREST} {@code (a a a a | a b c d | d d d d)}: v is clamped to {@code [0, len − 1]}.
 * </ul>
 *
 * <p>A one-pixel axis maps every v to 0 in every mode but {@code CONSTANT}.
 */
public enum FillMode {
  REFLECT,
  WRAP,
  CONSTANT,
  NEAREST
}
