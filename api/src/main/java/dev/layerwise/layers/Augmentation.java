package dev.layerwise.layers;

import dev.layerwise.Shape;
import dev.layerwise.init.SeededRandom;

/**
 * An augmentation layer: in training passes it transforms each image by random parameters, at inference it is the
 * identity (or, for {@link RandomCrop}, a deterministic centre crop). The parameters are not drawn by the backend:
 * each training step the api draws {@link #drawsPerSample()} numbers per sample in Java, from the fit seed, the step
 * and the layer's name (the same stream dropout masks come from), and feeds them as a {@code [batch, k]} tensor. So
 * both backends transform identically, a run is reproducible from its seed, a resumed fit draws what an
 * uninterrupted one would, and a test may pass fixed draws ({@code ForwardOptions.withRandomDraws}).
 *
 * <p>The draws are the transformation's parameters themselves (a 0/1 flip flag, a shift as a fraction of the image,
 * a crop offset in pixels, a contrast factor), not raw uniforms, so fixed draws read as what they do.
 *
 * <p>Input shape: {@code [height, width, channels]} (NHWC with the batch).
 */
public sealed interface Augmentation extends Layer permits RandomFlip, RandomTranslation, RandomCrop, RandomContrast,
    RandomRotation, RandomZoom {

  /** An image in, an image of the same shape out (a crop overrides this). */
  @Override
  default Shape outputShape(Shape input) {
    LayerShapes.image(this, input);
    return input;
  }

  /** How many parameters one sample's transformation takes: k in the fed {@code [batch, k]} draws. */
  int drawsPerSample();

  /**
   * Draws one sample's parameters into {@code out[offset, offset + k)}.
   *
   * @param input the layer's per-sample input shape
   */
  void draw(SeededRandom random, Shape input, float[] out, int offset);

  /**
   * Checks one sample's given parameters ({@code k} values from {@code offset}), as drawn or as a user fixed them.
   *
   * @throws IllegalArgumentException naming the layer and the parameter when a value is outside what
   *     {@link #draw} could give
   */
  void checkDraw(Shape input, float[] draws, int offset);

  /**
   * Whether every backend can pass a gradient back through this layer's training transformation. One that cannot
   * (a projective warp TF registers no gradient for) is only allowed where no gradient must reach it: before every
   * trainable layer. The model refuses anything else when it is built.
   */
  default boolean gradientFlows() {
    return true;
  }
}
