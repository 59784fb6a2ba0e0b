package dev.layerwise.layers;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;

/** Shape rules several layers share. */
final class LayerShapes {
  private LayerShapes() {}

  /** Element-wise layers: any input of rank ≥ 1, output of the same shape. */
  static Shape same(Layer layer, Shape input) {
    checkArgument(input.rank() >= 1, "%s expects an input of rank ≥ 1 per sample, got %s", layer.describe(), input);
    return input;
  }

  /** Image layers: samples are {@code [height, width, channels]} (batches rank-4 NHWC). */
  static void image(Layer layer, Shape input) {
    checkArgument(input.rank() == 3,
        "%s expects rank-4 NHWC input [batch, height, width, channels], got shape %s", layer.describe(),
        input.toBatchString());
  }

  /** One spatial output length of a window sliding over an axis, checked to be at least 1. */
  static int slide(Layer layer, String axis, int in, int window, int stride, Padding padding) {
    checkArgument(padding == Padding.SAME || window <= in,
        "%s: a %s window of %s is larger than the input's %s of %s with VALID padding (use SAME padding or a"
            + " smaller window)", layer.describe(), axis, window, axis, in);
    return padding.outputLength(in, window, stride);
  }
}
