package dev.layerwise.layers;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;

/**
 * Exponential linear unit: {@code f(x) = x} for x &gt; 0, {@code α(eˣ − 1)} otherwise;
 * {@code f′ = 1} or {@code α·eˣ}, taken as α at 0. Negative outputs saturate smoothly at −α, pushing mean
 * activations towards zero.
 *
 * <p>Input shape: any, rank ≥ 1. Output shape: same as the input.
 */
public record ELU(String name, double alpha) implements Layer {
  public ELU {
    LayerNames.check("ELU", name);
    checkArgument(alpha > 0 && Double.isFinite(alpha), "%s: alpha must be positive, got %s",
        LayerNames.describe("ELU", name), alpha);
  }

  public static ELU create() {
    return new ELU(null, 1.0);
  }

  public static ELU alpha(double alpha) {
    return new ELU(null, alpha);
  }

  @Override
  public ELU withName(String name) {
    return new ELU(name, alpha);
  }

  @Override
  public Shape outputShape(Shape input) {
    return LayerShapes.same(this, input);
  }


  @Override
  public String namePrefix() {
    return "elu";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitELU(this, context);
  }
}
