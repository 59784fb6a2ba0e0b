package dev.layerwise.layers;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;

/**
 * Flattens each sample to a vector in row-major (C) order, so an NHWC image {@code [h, w, c]} becomes
 * {@code [h·w·c]} with the channel index varying fastest.
 *
 * <p>Input shape: {@code [d1, ..., dk]}, k ≥ 1. Output shape: {@code [d1·...·dk]}.
 */
public record Flatten(String name) implements Layer {
  public Flatten {
    LayerNames.check("Flatten", name);
  }

  public static Flatten create() {
    return new Flatten(null);
  }

  @Override
  public Flatten withName(String name) {
    return new Flatten(name);
  }

  @Override
  public Shape outputShape(Shape input) {
    checkArgument(input.rank() >= 1, "%s expects an input of rank ≥ 1 per sample, got %s", describe(), input);
    return Shape.of(input.size());
  }


  @Override
  public String namePrefix() {
    return "flatten";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitFlatten(this, context);
  }
}
