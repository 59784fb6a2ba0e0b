package dev.layerwise.layers;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;
import dev.layerwise.init.Initializer;
import java.util.List;

/**
 * Parametric ReLU: a leaky ReLU whose slope is learned, {@code f(x) = x} for x &gt; 0, {@code α·x} otherwise.
 * {@code ∂f/∂x = 1} or α (α at 0), {@code ∂f/∂α = 0} or x.
 *
 * <p>The weight {@code alpha} has a shape that broadcasts against the sample shape, aligned on the right: by
 * default one slope per channel ({@code [channels]}, the last axis), {@link #shared()} one slope for the whole
 * layer ({@code [1]}), or any explicit shape whose dimensions are each 1 or equal to the input's. Keras initialises
 * α to zeros (starting as a ReLU).
 *
 * <p>Input shape: any, rank ≥ 1. Output shape: same as the input.
 *
 * @param alphaShape the shape of α, or {@code null} for one slope per channel
 */
public record PReLU(String name, Shape alphaShape, Initializer alphaInitializer) implements Layer {
  public PReLU {
    LayerNames.check("PReLU", name);
    requireNonNull(alphaInitializer, LayerNames.describe("PReLU", name) + ": alphaInitializer");
  }

  /** One learned slope per channel (the last axis), starting at 0. */
  public static PReLU perChannel() {
    return new PReLU(null, null, Initializer.zeros());
  }

  /** A single learned slope for the whole layer, starting at 0. */
  public static PReLU shared() {
    return new PReLU(null, Shape.of(1), Initializer.zeros());
  }

  @Override
  public PReLU withName(String name) {
    return new PReLU(name, alphaShape, alphaInitializer);
  }

  public PReLU withAlphaShape(Shape alphaShape) {
    return new PReLU(name, alphaShape, alphaInitializer);
  }

  public PReLU withAlphaInitializer(Initializer alphaInitializer) {
    return new PReLU(name, alphaShape, alphaInitializer);
  }

  /** The shape of α for a given sample shape, checked to broadcast against it. */
  public Shape alphaShapeFor(Shape input) {
    LayerShapes.same(this, input);
    Shape a = alphaShape == null ? Shape.of(input.last()) : alphaShape;
    boolean fits = a.rank() <= input.rank();
    for (int i = 1; fits && i <= a.rank(); i++) {
      int ad = a.dim(-i);
      fits = ad == 1 || ad == input.dim(-i);
    }
    checkArgument(fits, "%s: alpha shape %s does not fit input %s: each of its dimensions, aligned on the right,"
        + " must be 1 or equal to the input's", describe(), a, input);
    return a;
  }

  @Override
  public Shape outputShape(Shape input) {
    alphaShapeFor(input);
    return input;
  }

  @Override
  public List<WeightSpec> weights(Shape input) {
    return List.of(WeightSpec.trainable("alpha", alphaShapeFor(input), alphaInitializer));
  }

  @Override
  public String namePrefix() {
    return "p_re_lu";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitPReLU(this, context);
  }
}
