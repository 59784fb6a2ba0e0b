package dev.layerwise.layers;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;

/**
 * Keeps the central {@code height × width} window of each image (Keras's {@code CenterCrop}): rows
 * {@code [top, top + height)} with {@code top = ⌊(h − height)/2⌋}, columns likewise, all channels; the gradient
 * is dy inside the window and 0 outside. Keras resizes an image smaller than the window instead of cropping it;
 * this layer refuses one (put a {@link Resizing} first), so a crop never silently becomes an interpolation.
 *
 * <p>Input shape: {@code [h, w, channels]} with h ≥ height, w ≥ width. Output shape:
 * {@code [height, width, channels]}.
 */
public record CenterCrop(String name, int height, int width) implements Layer {
  public CenterCrop {
    LayerNames.check("CenterCrop", name);
    checkArgument(height > 0 && width > 0, "%s: height and width must be positive, got %s × %s",
        LayerNames.describe("CenterCrop", name), height, width);
  }

  public static CenterCrop of(int height, int width) {
    return new CenterCrop(null, height, width);
  }

  @Override
  public CenterCrop withName(String name) {
    return new CenterCrop(name, height, width);
  }

  /** The first row kept: {@code ⌊(h − height)/2⌋}. */
  public int top(Shape input) {
    return (input.dim(0) - height) / 2;
  }

  /** The first column kept: {@code ⌊(w − width)/2⌋}. */
  public int left(Shape input) {
    return (input.dim(1) - width) / 2;
  }

  @Override
  public Shape outputShape(Shape input) {
    LayerShapes.image(this, input);
    checkArgument(input.dim(0) >= height && input.dim(1) >= width, "%s: a %s × %s window does not fit images of %s"
        + " × %s; put a Resizing first to enlarge them", describe(), height, width, input.dim(0), input.dim(1));
    return Shape.of(height, width, input.dim(2));
  }

  @Override
  public String namePrefix() {
    return "center_crop";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitCenterCrop(this, context);
  }
}
