package dev.layerwise.layers;

import dev.layerwise.Shape;

/** The shape rule of 2-D pooling. */
final class Pooling {
  private Pooling() {}

  static Shape outputShape(Layer layer, Shape input, Size2D pool, Size2D strides, Padding padding) {
    LayerShapes.image(layer, input);
    int oh = LayerShapes.slide(layer, "height", input.dim(0), pool.height(), strides.height(), padding);
    int ow = LayerShapes.slide(layer, "width", input.dim(1), pool.width(), strides.width(), padding);
    return Shape.of(oh, ow, input.dim(2));
  }
}
