package dev.layerwise.losses;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;
import dev.layerwise.layers.ActivationFn;
import java.util.Optional;

/**
 * Kullback–Leibler divergence of the model's distribution p from the target distribution y, over the last axis
 * (C values). As Keras, both are first clipped to [ε, 1], ε = {@value Loss#EPSILON}:
 *
 * <pre>
 *   ŷ = clip(y, ε, 1),  p̂ = clip(p, ε, 1)
 *   ℓ = Σ_c ŷ_c log(ŷ_c / p̂_c)                        per row of C values
 *   ∂L/∂p_c = −ŷ_c / p̂_c / R   where ε ≤ p_c ≤ 1, else 0 (the clip is flat there)
 * </pre>
 *
 * <p>R is the number of rows: N for an output {@code [N, C]}; every other axis is a row of its own, as for
 * categorical cross-entropy. A zero target contributes {@code ε log(ε / p̂)}, not 0: that is Keras's clipping,
 * kept. Targets need not sum to 1 (Keras's own tests use rows that do not), but must lie in [0, 1].
 *
 * <p>The model must output probabilities: it has to end with softmax over the last axis (there is no logits form,
 * as in Keras). Keras: {@code keras.losses.KLDivergence}, identifier {@code "kl_divergence"}. Labels have the
 * output's shape.
 */
public record KLDivergence() implements Loss {
  @Override
  public boolean fromLogits() {
    return false;
  }

  @Override
  public String kerasName() {
    return "kl_divergence";
  }

  @Override
  public Shape labelShape(Shape outputShape) {
    checkArgument(outputShape.rank() >= 1,
        "kl_divergence compares distributions over the last axis; expects a model output with an axis, got %s",
        outputShape);
    return outputShape;
  }

  @Override
  public Optional<ActivationFn> probabilityActivation() {
    return Optional.of(ActivationFn.SOFTMAX);
  }

  @Override
  public <R> R accept(LossVisitor<R> visitor) {
    return visitor.visitKLDivergence(this);
  }
}
