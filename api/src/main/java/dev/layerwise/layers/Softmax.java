package dev.layerwise.layers;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;

/**
 * Softmax over one axis of each sample: {@code yᵢ = e^(xᵢ − m) / Σⱼ e^(xⱼ − m)}, m the maximum along the axis
 * (subtracting it changes nothing mathematically and keeps e^· from overflowing). Backward:
 * {@code dx = y ⊙ (dy − Σ(dy ⊙ y))} along the axis. {@code axis} counts per-sample axes, negative from the end:
 * {@code -1} (the default) is the last axis, the same as {@code Activation(SOFTMAX)}.
 *
 * <p>Input shape: any, rank ≥ 1. Output shape: same as the input.
 */
public record Softmax(String name, int axis) implements Layer {
  public Softmax {
    LayerNames.check("Softmax", name);
  }

  public static Softmax create() {
    return new Softmax(null, -1);
  }

  public static Softmax axis(int axis) {
    return new Softmax(null, axis);
  }

  @Override
  public Softmax withName(String name) {
    return new Softmax(name, axis);
  }

  /** The axis as a non-negative index into the sample shape. */
  public int resolvedAxis(Shape input) {
    int a = axis < 0 ? input.rank() + axis : axis;
    checkArgument(a >= 0 && a < input.rank(), "%s: axis %s is outside a sample of shape %s (rank %s)", describe(),
        axis, input, input.rank());
    return a;
  }

  @Override
  public Shape outputShape(Shape input) {
    LayerShapes.same(this, input);
    resolvedAxis(input);
    return input;
  }


  @Override
  public String namePrefix() {
    return "softmax";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitSoftmax(this, context);
  }
}
