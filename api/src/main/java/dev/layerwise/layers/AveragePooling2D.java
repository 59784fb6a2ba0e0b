package dev.layerwise.layers;

import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;

/**
 * Average pooling over windows of NHWC images, per channel: {@code y = (1/k)·Σ_window x}, k the number of real
 * (unpadded) positions in the window — with SAME padding, border windows average fewer values, as in TF.
 * Backward: each output's gradient is shared equally, {@code dy/k}, by the positions of its window. Strides
 * default to the pool size.
 *
 * <p>Input {@code [H, W, C]} per sample; output {@code [OH, OW, C]}.
 */
public record AveragePooling2D(String name, Size2D poolSize, Size2D strides, Padding padding) implements Layer {
  public AveragePooling2D {
    LayerNames.check("AveragePooling2D", name);
    requireNonNull(poolSize, "AveragePooling2D: poolSize");
    requireNonNull(strides, "AveragePooling2D: strides");
    requireNonNull(padding, "AveragePooling2D: padding");
  }

  /** A {@code size × size} window moving by its own size, VALID padding. */
  public static AveragePooling2D of(int size) {
    return new AveragePooling2D(null, Size2D.of(size), Size2D.of(size), Padding.VALID);
  }

  @Override
  public AveragePooling2D withName(String name) {
    return new AveragePooling2D(name, poolSize, strides, padding);
  }

  public AveragePooling2D withStrides(int stride) {
    return withStrides(stride, stride);
  }

  public AveragePooling2D withStrides(int height, int width) {
    com.google.common.base.Preconditions.checkArgument(height > 0 && width > 0,
        "%s: strides must be positive, got %s×%s", describe(), height, width);
    return new AveragePooling2D(name, poolSize, Size2D.of(height, width), padding);
  }

  public AveragePooling2D withPadding(Padding padding) {
    return new AveragePooling2D(name, poolSize, strides, padding);
  }

  @Override
  public Shape outputShape(Shape input) {
    return Pooling.outputShape(this, input, poolSize, strides, padding);
  }


  @Override
  public String namePrefix() {
    return "average_pooling2d";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitAveragePooling2D(this, context);
  }
}
