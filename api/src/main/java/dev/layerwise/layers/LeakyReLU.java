package dev.layerwise.layers;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;

/**
 * Leaky ReLU: {@code f(x) = x} for x &gt; 0, {@code α·x} otherwise; {@code f′ = 1} or α, taken as α at 0 (as TF's
 * {@code LeakyRelu}). A small slope for negative inputs keeps gradient flowing through units a plain ReLU would
 * leave dead. Keras's default α is 0.3.
 *
 * <p>Input shape: any, rank ≥ 1. Output shape: same as the input.
 */
public record LeakyReLU(String name, double alpha) implements Layer {
  public static final double DEFAULT_ALPHA = 0.3;

  public LeakyReLU {
    LayerNames.check("LeakyReLU", name);
    checkArgument(alpha >= 0 && Double.isFinite(alpha), "%s: alpha must be a non-negative slope, got %s",
        LayerNames.describe("LeakyReLU", name), alpha);
  }

  public static LeakyReLU create() {
    return new LeakyReLU(null, DEFAULT_ALPHA);
  }

  public static LeakyReLU alpha(double alpha) {
    return new LeakyReLU(null, alpha);
  }

  @Override
  public LeakyReLU withName(String name) {
    return new LeakyReLU(name, alpha);
  }

  @Override
  public Shape outputShape(Shape input) {
    return LayerShapes.same(this, input);
  }


  @Override
  public String namePrefix() {
    return "leaky_re_lu";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitLeakyReLU(this, context);
  }
}
