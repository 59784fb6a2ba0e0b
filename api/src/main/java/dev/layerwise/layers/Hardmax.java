package dev.layerwise.layers;

import dev.layerwise.Shape;

/**
 * Hardmax over the last axis: 1 at the position of the largest value (the first, on ties), 0 elsewhere — the
 * limit of softmax as its inputs are scaled up. It is piecewise constant, so its gradient is zero wherever it is
 * defined: nothing can be trained through it. Use it for inference (turning scores into a one-hot decision);
 * {@code fit} and gradient checks refuse a model that contains it.
 *
 * <p>Input shape: any, rank ≥ 1. Output shape: same as the input.
 */
public record Hardmax(String name) implements Layer {
  public Hardmax {
    LayerNames.check("Hardmax", name);
  }

  public static Hardmax create() {
    return new Hardmax(null);
  }

  @Override
  public Hardmax withName(String name) {
    return new Hardmax(name);
  }

  @Override
  public Shape outputShape(Shape input) {
    return LayerShapes.same(this, input);
  }


  @Override
  public boolean differentiable() {
    return false;
  }

  @Override
  public String namePrefix() {
    return "hardmax";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitHardmax(this, context);
  }
}
