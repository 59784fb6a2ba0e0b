package dev.layerwise.layers;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;

/**
 * Resizes images to {@code height × width} (Keras's {@code Resizing}, without its crop/pad-to-aspect-ratio
 * options): per channel {@code Y = W_h · X · W_wᵀ}, {@code dX = W_hᵀ · dY · W_w}, with the
 * {@linkplain Interpolation#matrix interpolation matrices} of TF's half-pixel sampling, bilinear by default. The
 * gradient flows through it on both backends (TF builds it from matrix products, whose gradients TF registers).
 *
 * <p>Input shape: {@code [h, w, channels]}. Output shape: {@code [height, width, channels]}.
 */
public record Resizing(String name, int height, int width, Interpolation interpolation) implements Layer {
  public Resizing {
    LayerNames.check("Resizing", name);
    String who = LayerNames.describe("Resizing", name);
    checkArgument(height > 0 && width > 0, "%s: height and width must be positive, got %s × %s", who, height, width);
    requireNonNull(interpolation, who + ": interpolation");
  }

  /** Bilinear resizing to {@code height × width}. */
  public static Resizing to(int height, int width) {
    return new Resizing(null, height, width, Interpolation.BILINEAR);
  }

  public Resizing withInterpolation(Interpolation interpolation) {
    return new Resizing(name, height, width, interpolation);
  }

  @Override
  public Resizing withName(String name) {
    return new Resizing(name, height, width, interpolation);
  }

  @Override
  public Shape outputShape(Shape input) {
    LayerShapes.image(this, input);
    return Shape.of(height, width, input.dim(2));
  }

  @Override
  public String namePrefix() {
    return "resizing";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitResizing(this, context);
  }
}
