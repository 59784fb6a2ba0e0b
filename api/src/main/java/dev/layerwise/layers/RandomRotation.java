package dev.layerwise.layers;

import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;
import dev.layerwise.init.SeededRandom;

/**
 * Rotates each training image about its centre by a random angle (Keras's {@code RandomRotation}): per sample a
 * fraction of a full turn {@code f ~ U[lower, upper)}, the angle {@code θ = 2π·f} (positive: counter-clockwise),
 * and output pixel {@code (x, y)} samples the input at its {@linkplain WarpTransforms#rotation rotation} about
 * {@code ((w − 1)/2, (h − 1)/2)}, outside the image as the {@link FillMode} says, between pixels by the
 * {@link Interpolation}. At inference the identity. The draw is f.
 *
 * <p>TF warps with {@code ImageProjectiveTransformV3}, which has no registered gradient, so no gradient passes
 * back through this layer on either backend: a model may use it only before every trainable layer (directly on
 * an input, or after other preprocessing), where none is needed; the model refuses it anywhere else when built.
 *
 * <p>Input and output shape: {@code [h, w, channels]}.
 *
 * @param lower the smallest rotation, a fraction of a full turn in [−1, 1]
 * @param upper the largest, in [lower, 1]
 * @param fillValue what {@link FillMode#CONSTANT} fills with
 */
public record RandomRotation(String name, double lower, double upper, FillMode fillMode, Interpolation interpolation,
    double fillValue) implements Augmentation {
  public RandomRotation {
    LayerNames.check("RandomRotation", name);
    String who = LayerNames.describe("RandomRotation", name);
    AugmentationDraws.bound(who, "factor's lower bound (a fraction of a full turn)", lower, -1, 1);
    AugmentationDraws.bound(who, "factor's upper bound (a fraction of a full turn)", upper, lower, 1);
    requireNonNull(fillMode, who + ": fillMode");
    requireNonNull(interpolation, who + ": interpolation");
    if (!Double.isFinite(fillValue)) {
      throw new IllegalArgumentException(who + ": fillValue must be finite, got " + fillValue);
    }
  }

  /**
   * Rotations of up to ±factor of a full turn ({@code factor} in [−1, 1]; 0.1 turns by at most 36° either way),
   * reflected fill, bilinear sampling (Keras's defaults).
   */
  public static RandomRotation of(double factor) {
    AugmentationDraws.bound("RandomRotation", "factor (a fraction of a full turn)", factor, -1, 1);
    return new RandomRotation(null, -Math.abs(factor), Math.abs(factor), FillMode.REFLECT, Interpolation.BILINEAR,
        0);
  }

  /** Rotations in {@code [lower, upper]} of a full turn (Keras's tuple factor; negative: clockwise). */
  public RandomRotation withFactor(double lower, double upper) {
    return new RandomRotation(name, lower, upper, fillMode, interpolation, fillValue);
  }

  public RandomRotation withFillMode(FillMode fillMode) {
    return new RandomRotation(name, lower, upper, fillMode, interpolation, fillValue);
  }

  /** {@link FillMode#CONSTANT} filling with this value. */
  public RandomRotation withFillValue(double fillValue) {
    return new RandomRotation(name, lower, upper, FillMode.CONSTANT, interpolation, fillValue);
  }

  public RandomRotation withInterpolation(Interpolation interpolation) {
    return new RandomRotation(name, lower, upper, fillMode, interpolation, fillValue);
  }

  @Override
  public RandomRotation withName(String name) {
    return new RandomRotation(name, lower, upper, fillMode, interpolation, fillValue);
  }

  /** The eight-number transform of one sample's draw, for an image of {@code height × width}. */
  public double[] transform(double turns, int height, int width) {
    return WarpTransforms.rotation(2 * Math.PI * turns, height, width);
  }

  @Override
  public int drawsPerSample() {
    return 1;
  }

  @Override
  public void draw(SeededRandom random, Shape input, float[] out, int offset) {
    out[offset] = (float) random.nextUniform(lower, upper);
  }

  @Override
  public void checkDraw(Shape input, float[] draws, int offset) {
    float f = draws[offset];
    AugmentationDraws.check(this, "rotation", f, f >= (float) lower && f <= (float) upper,
        String.format("a fraction of a full turn in [%s, %s]", lower, upper));
  }

  @Override
  public boolean gradientFlows() {
    return false;
  }

  @Override
  public String namePrefix() {
    return "random_rotation";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitRandomRotation(this, context);
  }
}
