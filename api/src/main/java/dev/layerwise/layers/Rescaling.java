package dev.layerwise.layers;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;

/**
 * Rescales every value: {@code y = x·scale + offset}, {@code dx = dy·scale} (Keras's {@code Rescaling}). Put it
 * first to feed a model raw pixels: {@code Rescaling.of(1 / 255.0)} maps [0, 255] to [0, 1],
 * {@code Rescaling.of(1 / 127.5, -1)} to [−1, 1]. It has no weights; the SavedModel then takes raw inputs.
 *
 * <p>Input shape: any, rank ≥ 1. Output shape: same as the input.
 */
public record Rescaling(String name, double scale, double offset) implements Layer {
  public Rescaling {
    LayerNames.check("Rescaling", name);
    String who = LayerNames.describe("Rescaling", name);
    checkArgument(Double.isFinite(scale), "%s: scale must be finite, got %s", who, scale);
    checkArgument(Double.isFinite(offset), "%s: offset must be finite, got %s", who, offset);
  }

  /** {@code y = x·scale}. */
  public static Rescaling of(double scale) {
    return new Rescaling(null, scale, 0);
  }

  /** {@code y = x·scale + offset}. */
  public static Rescaling of(double scale, double offset) {
    return new Rescaling(null, scale, offset);
  }

  @Override
  public Rescaling withName(String name) {
    return new Rescaling(name, scale, offset);
  }

  @Override
  public Shape outputShape(Shape input) {
    return LayerShapes.same(this, input);
  }

  @Override
  public String namePrefix() {
    return "rescaling";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitRescaling(this, context);
  }
}
