package dev.layerwise.layers;

import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;

/**
 * Max pooling over windows of NHWC images, per channel: {@code y[n,i,j,c] = max over the window of x}. Backward:
 * each output's gradient goes to the input element that won its window (on exact ties, the first in row-major
 * order within the window, as TF's CPU kernel); overlapping windows add up. With SAME padding, padded positions
 * never win. Strides default to the pool size.
 *
 * <p>Input {@code [H, W, C]} per sample; output {@code [OH, OW, C]}.
 */
public record MaxPooling2D(String name, Size2D poolSize, Size2D strides, Padding padding) implements Layer {
  public MaxPooling2D {
    LayerNames.check("MaxPooling2D", name);
    requireNonNull(poolSize, "MaxPooling2D: poolSize");
    requireNonNull(strides, "MaxPooling2D: strides");
    requireNonNull(padding, "MaxPooling2D: padding");
  }

  /** A {@code size × size} window moving by its own size, VALID padding. */
  public static MaxPooling2D of(int size) {
    return new MaxPooling2D(null, Size2D.of(size), Size2D.of(size), Padding.VALID);
  }

  @Override
  public MaxPooling2D withName(String name) {
    return new MaxPooling2D(name, poolSize, strides, padding);
  }

  public MaxPooling2D withStrides(int stride) {
    return withStrides(stride, stride);
  }

  public MaxPooling2D withStrides(int height, int width) {
    com.google.common.base.Preconditions.checkArgument(height > 0 && width > 0,
        "%s: strides must be positive, got %s×%s", describe(), height, width);
    return new MaxPooling2D(name, poolSize, Size2D.of(height, width), padding);
  }

  public MaxPooling2D withPadding(Padding padding) {
    return new MaxPooling2D(name, poolSize, strides, padding);
  }

  @Override
  public Shape outputShape(Shape input) {
    return Pooling.outputShape(this, input, poolSize, strides, padding);
  }


  @Override
  public String namePrefix() {
    return "max_pooling2d";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitMaxPooling2D(this, context);
  }
}
