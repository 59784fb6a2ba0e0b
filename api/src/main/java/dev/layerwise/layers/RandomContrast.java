package dev.layerwise.layers;

import dev.layerwise.Shape;
import dev.layerwise.init.SeededRandom;

/**
 * Scales each training image's contrast by a random factor (Keras's {@code RandomContrast}): one factor per image,
 * {@code f ~ U[1 − lower, 1 + upper)}, applied to every channel about that channel's mean,
 * {@code y = clip((x − μ_c)·f + μ_c, low, high)} with {@code μ_c = (1/hw) Σ_ij x[i, j, c]}. As Keras 3, the result is
 * clipped to the value range ({@code [0, 255]} by default: give {@link #withValueRange} for images in [0, 1]). At
 * inference the identity.
 *
 * <p>Gradient, per image and channel with g = dy where the clip is inactive and 0 where it clips:
 * {@code dx_k = f·g_k + (1 − f)/(hw) · Σ_m g_m}. Defined for every input, so the layer may sit anywhere.
 *
 * <p>Input and output shape: {@code [h, w, channels]}.
 *
 * @param lower how far below 1 the factor may go, in [0, 1]
 * @param upper how far above 1 the factor may go, in [0, 1]
 * @param valueLow the lowest value an output may take
 * @param valueHigh the highest
 */
public record RandomContrast(String name, double lower, double upper, double valueLow, double valueHigh)
    implements Augmentation {
  public RandomContrast {
    LayerNames.check("RandomContrast", name);
    String who = LayerNames.describe("RandomContrast", name);
    AugmentationDraws.bound(who, "the factor's lower bound", lower, 0, 1);
    AugmentationDraws.bound(who, "the factor's upper bound", upper, 0, 1);
    if (!(valueLow < valueHigh && Double.isFinite(valueLow) && Double.isFinite(valueHigh))) {
      throw new IllegalArgumentException(String.format("%s: the value range must be finite with low < high, got"
          + " [%s, %s]", who, valueLow, valueHigh));
    }
  }

  /** Factors in {@code [1 − factor, 1 + factor]}, values in [0, 255] (Keras's defaults). */
  public static RandomContrast of(double factor) {
    return new RandomContrast(null, factor, factor, 0, 255);
  }

  /** Factors in {@code [1 − lower, 1 + upper]} (Keras's tuple factor). */
  public RandomContrast withFactor(double lower, double upper) {
    return new RandomContrast(name, lower, upper, valueLow, valueHigh);
  }

  /** The range outputs are clipped to, e.g. {@code (0, 1)} for images scaled to [0, 1]. */
  public RandomContrast withValueRange(double low, double high) {
    return new RandomContrast(name, lower, upper, low, high);
  }

  @Override
  public RandomContrast withName(String name) {
    return new RandomContrast(name, lower, upper, valueLow, valueHigh);
  }

  @Override
  public int drawsPerSample() {
    return 1;
  }

  @Override
  public void draw(SeededRandom random, Shape input, float[] out, int offset) {
    out[offset] = (float) random.nextUniform(1 - lower, 1 + upper);
  }

  @Override
  public void checkDraw(Shape input, float[] draws, int offset) {
    float f = draws[offset];
    // The bounds are compared in float32, the precision draws are fed in.
    AugmentationDraws.check(this, "contrast factor", f, f >= (float) (1 - lower) && f <= (float) (1 + upper),
        String.format("in [%s, %s]", 1 - lower, 1 + upper));
  }

  @Override
  public String namePrefix() {
    return "random_contrast";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitRandomContrast(this, context);
  }
}
