package dev.layerwise.layers;

import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;
import dev.layerwise.init.SeededRandom;

/**
 * Flips each training image with probability ½ (Keras's {@code RandomFlip}; flipped when a uniform draw is
 * ≤ ½): {@code y[i, j, c] = x[i', j', c]} with {@code i' = h − 1 − i} when the rows flip, {@code j' = w − 1 − j} when
 * the columns flip ({@link FlipMode}). One draw per sample, the flag {@code f ∈ {0, 1}}; at inference the identity.
 * A permutation, so the gradient is the same permutation of dy, and the layer may sit anywhere.
 *
 * <p>Suits data whose label survives the mirror: a left–right flip for photographs of objects and clothes, but no
 * top–bottom flip for clothes or digits (an upside-down shirt is not a shirt from the training distribution, a
 * flipped 6 is a 9).
 *
 * <p>Input and output shape: {@code [h, w, channels]}.
 */
public record RandomFlip(String name, FlipMode mode) implements Augmentation {
  public RandomFlip {
    LayerNames.check("RandomFlip", name);
    requireNonNull(mode, LayerNames.describe("RandomFlip", name) + ": mode");
  }

  /** Flips in the given mode (Keras's default is {@link FlipMode#HORIZONTAL_AND_VERTICAL}). */
  public static RandomFlip of(FlipMode mode) {
    return new RandomFlip(null, mode);
  }

  @Override
  public RandomFlip withName(String name) {
    return new RandomFlip(name, mode);
  }

  @Override
  public int drawsPerSample() {
    return 1;
  }

  @Override
  public void draw(SeededRandom random, Shape input, float[] out, int offset) {
    out[offset] = random.nextUniform() <= 0.5 ? 1f : 0f;
  }

  @Override
  public void checkDraw(Shape input, float[] draws, int offset) {
    AugmentationDraws.check(this, "flip flag", draws[offset], draws[offset] == 0 || draws[offset] == 1, "0 or 1");
  }

  @Override
  public String namePrefix() {
    return "random_flip";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitRandomFlip(this, context);
  }
}
