package dev.layerwise.layers;

import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;
import dev.layerwise.init.SeededRandom;

/**
 * Shifts each training image by a random fraction of its size (Keras's {@code RandomTranslation}): per sample
 * {@code a ~ U[heightLower, heightUpper)} and {@code b ~ U[widthLower, widthUpper)}, shifts of {@code dy = a·h} rows
 * (positive: down) and {@code dx = b·w} columns (positive: right), so output pixel (i, j) samples the input at
 * {@code (i − dy, j − dx)}, outside the image as the {@link FillMode} says, between pixels by the
 * {@link Interpolation} (bilinear: the four neighbours weighted by distance; nearest: the closest pixel, halves
 * rounded away from zero). At inference the identity. The draws are the fractions a and b.
 *
 * <p>Linear in x with weights fixed by the draws, so the gradient is the transposed sampling of dy (plus nothing for
 * the constant fill) and the layer may sit anywhere. Keras's {@code WRAP} fill mode is not offered.
 *
 * <p>Input and output shape: {@code [h, w, channels]}.
 *
 * @param heightLower the smallest vertical shift, a fraction of the height in [−1, 1]
 * @param heightUpper the largest, ≥ heightLower
 * @param widthLower the smallest horizontal shift, a fraction of the width in [−1, 1]
 * @param widthUpper the largest, ≥ widthLower
 * @param fillValue what {@link FillMode#CONSTANT} fills with
 */
public record RandomTranslation(String name, double heightLower, double heightUpper, double widthLower,
    double widthUpper, FillMode fillMode, Interpolation interpolation, double fillValue) implements Augmentation {
  public RandomTranslation {
    LayerNames.check("RandomTranslation", name);
    String who = LayerNames.describe("RandomTranslation", name);
    AugmentationDraws.bound(who, "heightFactor's lower bound", heightLower, -1, 1);
    AugmentationDraws.bound(who, "heightFactor's upper bound", heightUpper, heightLower, 1);
    AugmentationDraws.bound(who, "widthFactor's lower bound", widthLower, -1, 1);
    AugmentationDraws.bound(who, "widthFactor's upper bound", widthUpper, widthLower, 1);
    requireNonNull(fillMode, who + ": fillMode");
    if (fillMode == FillMode.WRAP) {
      throw new IllegalArgumentException(who + ": fillMode WRAP is not offered for translations (REFLECT, CONSTANT"
          + " or NEAREST); RandomRotation and RandomZoom offer it");
    }
    requireNonNull(interpolation, who + ": interpolation");
    if (!Double.isFinite(fillValue)) {
      throw new IllegalArgumentException(who + ": fillValue must be finite, got " + fillValue);
    }
  }

  /**
   * Shifts of up to ±heightFactor of the height and ±widthFactor of the width (each in [0, 1]), reflected fill,
   * bilinear sampling (Keras's defaults).
   */
  public static RandomTranslation of(double heightFactor, double widthFactor) {
    AugmentationDraws.bound("RandomTranslation", "heightFactor", heightFactor, 0, 1);
    AugmentationDraws.bound("RandomTranslation", "widthFactor", widthFactor, 0, 1);
    return new RandomTranslation(null, -heightFactor, heightFactor, -widthFactor, widthFactor, FillMode.REFLECT,
        Interpolation.BILINEAR, 0);
  }

  /** Vertical shifts in {@code [lower, upper]} of the height (Keras's tuple factor; negative: up). */
  public RandomTranslation withHeightFactor(double lower, double upper) {
    return new RandomTranslation(name, lower, upper, widthLower, widthUpper, fillMode, interpolation, fillValue);
  }

  /** Horizontal shifts in {@code [lower, upper]} of the width (negative: left). */
  public RandomTranslation withWidthFactor(double lower, double upper) {
    return new RandomTranslation(name, heightLower, heightUpper, lower, upper, fillMode, interpolation, fillValue);
  }

  public RandomTranslation withFillMode(FillMode fillMode) {
    return new RandomTranslation(name, heightLower, heightUpper, widthLower, widthUpper, fillMode, interpolation,
        fillValue);
  }

  /** {@link FillMode#CONSTANT} filling with this value. */
  public RandomTranslation withFillValue(double fillValue) {
    return new RandomTranslation(name, heightLower, heightUpper, widthLower, widthUpper, FillMode.CONSTANT,
        interpolation, fillValue);
  }

  public RandomTranslation withInterpolation(Interpolation interpolation) {
    return new RandomTranslation(name, heightLower, heightUpper, widthLower, widthUpper, fillMode, interpolation,
        fillValue);
  }

  @Override
  public RandomTranslation withName(String name) {
    return new RandomTranslation(name, heightLower, heightUpper, widthLower, widthUpper, fillMode, interpolation,
        fillValue);
  }

  @Override
  public int drawsPerSample() {
    return 2;
  }

  @Override
  public void draw(SeededRandom random, Shape input, float[] out, int offset) {
    out[offset] = (float) random.nextUniform(heightLower, heightUpper);
    out[offset + 1] = (float) random.nextUniform(widthLower, widthUpper);
  }

  @Override
  public void checkDraw(Shape input, float[] draws, int offset) {
    float a = draws[offset];
    float b = draws[offset + 1];
    AugmentationDraws.check(this, "vertical shift", a, a >= (float) heightLower && a <= (float) heightUpper,
        String.format("a fraction of the height in [%s, %s]", heightLower, heightUpper));
    AugmentationDraws.check(this, "horizontal shift", b, b >= (float) widthLower && b <= (float) widthUpper,
        String.format("a fraction of the width in [%s, %s]", widthLower, widthUpper));
  }

  @Override
  public String namePrefix() {
    return "random_translation";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitRandomTranslation(this, context);
  }
}
