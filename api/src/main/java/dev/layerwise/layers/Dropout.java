package dev.layerwise.layers;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;

/**
 * Inverted dropout: in training each value is kept with probability {@code 1 − rate} and scaled by
 * {@code 1/(1 − rate)}, so the expected activation is unchanged and inference needs no rescaling; at inference
 * the layer is the identity.
 *
 * <ul>
 *   <li>training: {@code y = x ⊙ m / (1 − rate)}, m ∈ {0, 1} drawn per value; {@code dx = dy ⊙ m / (1 − rate)}
 *   <li>inference: {@code y = x}, {@code dx = dy}
 * </ul>
 *
 * <p>Masks are drawn in Java from the training seed and the step (both backends drop the same units, and a run is
 * reproducible) and passed to the backend with each batch; checks pass them explicitly.
 *
 * <p>Input shape: any, rank ≥ 1. Output shape: same as the input.
 */
public record Dropout(String name, double rate) implements Layer {
  public Dropout {
    LayerNames.check("Dropout", name);
    checkArgument(rate >= 0 && rate < 1, "%s: rate is the fraction of units dropped and must be in [0, 1), got %s",
        LayerNames.describe("Dropout", name), rate);
  }

  public static Dropout rate(double rate) {
    return new Dropout(null, rate);
  }

  @Override
  public Dropout withName(String name) {
    return new Dropout(name, rate);
  }

  @Override
  public Shape outputShape(Shape input) {
    return LayerShapes.same(this, input);
  }


  @Override
  public String namePrefix() {
    return "dropout";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitDropout(this, context);
  }
}
