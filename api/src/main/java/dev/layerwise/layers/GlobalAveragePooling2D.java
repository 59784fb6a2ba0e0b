package dev.layerwise.layers;

import dev.layerwise.Shape;

/**
 * The mean of each channel over the whole image: {@code y[n, c] = (1/(H·W))·Σ_{i,j} x[n, i, j, c]};
 * {@code dx = dy/(H·W)} everywhere. Replaces Flatten + Dense at the top of many CNNs with no parameters.
 *
 * <p>Input {@code [H, W, C]} per sample; output {@code [C]}.
 */
public record GlobalAveragePooling2D(String name) implements Layer {
  public GlobalAveragePooling2D {
    LayerNames.check("GlobalAveragePooling2D", name);
  }

  public static GlobalAveragePooling2D create() {
    return new GlobalAveragePooling2D(null);
  }

  @Override
  public GlobalAveragePooling2D withName(String name) {
    return new GlobalAveragePooling2D(name);
  }

  @Override
  public Shape outputShape(Shape input) {
    LayerShapes.image(this, input);
    return Shape.of(input.dim(2));
  }


  @Override
  public String namePrefix() {
    return "global_average_pooling2d";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitGlobalAveragePooling2D(this, context);
  }
}
