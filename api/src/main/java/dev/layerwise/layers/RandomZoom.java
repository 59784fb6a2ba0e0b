package dev.layerwise.layers;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;
import dev.layerwise.init.SeededRandom;

/**
 * Zooms each training image about its centre by random factors (Keras's {@code RandomZoom}): per sample a height
 * zoom {@code zy = 1 + U[heightLower, heightUpper)} and a width zoom {@code zx = 1 + U[widthLower, widthUpper)}
 * (or {@code zx = zy} when no width factor is given: the aspect ratio kept), and output pixel {@code (x, y)}
 * samples the input at {@code (cx + zx·(x − cx), cy + zy·(y − cy))}, {@code (cx, cy) = ((w − 1)/2, (h − 1)/2)}
 * ({@link WarpTransforms#zoom}): a zoom above 1 shows more of the image (zooms out), below 1 less (zooms in). Outside
 * the image as the {@link FillMode} says, between pixels by the {@link Interpolation}. At inference the identity.
 * The draws are {@code (zy, zx)}.
 *
 * <p>TF warps with {@code ImageProjectiveTransformV3}, which has no registered gradient, so no gradient passes
 * back through this layer on either backend: a model may use it only before every trainable layer (directly on
 * an input, or after other preprocessing), where none is needed; the model refuses it anywhere else when built.
 *
 * <p>Input and output shape: {@code [h, w, channels]}.
 *
 * @param heightLower the smallest change of the height zoom, in (−1, 1] (negative: zoom in)
 * @param heightUpper the largest, in [heightLower, 1]
 * @param widthLower the same for the width, or {@code null} to zoom the width by the height's zoom
 * @param widthUpper the largest, or {@code null} with widthLower
 * @param fillValue what {@link FillMode#CONSTANT} fills with
 */
public record RandomZoom(String name, double heightLower, double heightUpper, Double widthLower, Double widthUpper,
    FillMode fillMode, Interpolation interpolation, double fillValue) implements Augmentation {
  public RandomZoom {
    LayerNames.check("RandomZoom", name);
    String who = LayerNames.describe("RandomZoom", name);
    factor(who, "heightFactor", heightLower, heightUpper);
    checkArgument((widthLower == null) == (widthUpper == null),
        "%s: widthFactor needs both bounds or neither, got %s and %s", who, widthLower, widthUpper);
    if (widthLower != null) {
      factor(who, "widthFactor", widthLower, widthUpper);
    }
    requireNonNull(fillMode, who + ": fillMode");
    requireNonNull(interpolation, who + ": interpolation");
    if (!Double.isFinite(fillValue)) {
      throw new IllegalArgumentException(who + ": fillValue must be finite, got " + fillValue);
    }
  }

  /** Keras's rule: each bound in (−1, 1] (a zoom of 1 + bound, which must stay positive), lower ≤ upper. */
  private static void factor(String who, String argument, double lower, double upper) {
    checkArgument(lower > -1 && lower <= 1, "%s: %s's lower bound must be in (-1, 1] (the zoom is 1 + the factor),"
        + " got %s", who, argument, lower);
    checkArgument(upper >= lower && upper <= 1, "%s: %s's upper bound must be in [%s, 1], got %s", who, argument,
        lower, upper);
  }

  /**
   * Zooms of {@code 1 ± heightFactor} (in (−1, 1]), the width zoomed alike (aspect ratio kept), reflected fill,
   * bilinear sampling (Keras's defaults).
   */
  public static RandomZoom of(double heightFactor) {
    checkArgument(heightFactor > -1 && heightFactor <= 1,
        "RandomZoom: heightFactor must be in (-1, 1] (the zoom is 1 ± its size), got %s", heightFactor);
    double f = Math.abs(heightFactor);
    return new RandomZoom(null, -f, f, null, null, FillMode.REFLECT, Interpolation.BILINEAR, 0);
  }

  /** Zooms of {@code 1 ± heightFactor} down and {@code 1 ± widthFactor} across, drawn independently. */
  public static RandomZoom of(double heightFactor, double widthFactor) {
    RandomZoom height = of(heightFactor);
    checkArgument(widthFactor > -1 && widthFactor <= 1,
        "RandomZoom: widthFactor must be in (-1, 1] (the zoom is 1 ± its size), got %s", widthFactor);
    return height.withWidthFactor(-Math.abs(widthFactor), Math.abs(widthFactor));
  }

  /** Height zooms of {@code 1 + [lower, upper]} (Keras's tuple factor). */
  public RandomZoom withHeightFactor(double lower, double upper) {
    return new RandomZoom(name, lower, upper, widthLower, widthUpper, fillMode, interpolation, fillValue);
  }

  /** Width zooms of {@code 1 + [lower, upper]}, drawn independently of the height's. */
  public RandomZoom withWidthFactor(double lower, double upper) {
    return new RandomZoom(name, heightLower, heightUpper, lower, upper, fillMode, interpolation, fillValue);
  }

  public RandomZoom withFillMode(FillMode fillMode) {
    return new RandomZoom(name, heightLower, heightUpper, widthLower, widthUpper, fillMode, interpolation,
        fillValue);
  }

  /** {@link FillMode#CONSTANT} filling with this value. */
  public RandomZoom withFillValue(double fillValue) {
    return new RandomZoom(name, heightLower, heightUpper, widthLower, widthUpper, FillMode.CONSTANT, interpolation,
        fillValue);
  }

  public RandomZoom withInterpolation(Interpolation interpolation) {
    return new RandomZoom(name, heightLower, heightUpper, widthLower, widthUpper, fillMode, interpolation,
        fillValue);
  }

  @Override
  public RandomZoom withName(String name) {
    return new RandomZoom(name, heightLower, heightUpper, widthLower, widthUpper, fillMode, interpolation,
        fillValue);
  }

  /** The eight-number transform of one sample's draws {@code (zy, zx)}, for an image of {@code height × width}. */
  public double[] transform(double zy, double zx, int height, int width) {
    return WarpTransforms.zoom(zx, zy, height, width);
  }

  @Override
  public int drawsPerSample() {
    return 2;
  }

  @Override
  public void draw(SeededRandom random, Shape input, float[] out, int offset) {
    float zy = (float) (1 + random.nextUniform(heightLower, heightUpper));
    out[offset] = zy;
    out[offset + 1] = widthLower == null ? zy : (float) (1 + random.nextUniform(widthLower, widthUpper));
  }

  @Override
  public void checkDraw(Shape input, float[] draws, int offset) {
    float zy = draws[offset];
    float zx = draws[offset + 1];
    AugmentationDraws.check(this, "height zoom", zy, zy >= (float) (1 + heightLower)
        && zy <= (float) (1 + heightUpper), String.format("in [%s, %s]", 1 + heightLower, 1 + heightUpper));
    if (widthLower == null) {
      AugmentationDraws.check(this, "width zoom", zx, zx == zy,
          String.format("the height zoom %s (no widthFactor: the aspect ratio is kept)", zy));
    } else {
      AugmentationDraws.check(this, "width zoom", zx, zx >= (float) (1 + widthLower)
          && zx <= (float) (1 + widthUpper), String.format("in [%s, %s]", 1 + widthLower, 1 + widthUpper));
    }
  }

  @Override
  public boolean gradientFlows() {
    return false;
  }

  @Override
  public String namePrefix() {
    return "random_zoom";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitRandomZoom(this, context);
  }
}
