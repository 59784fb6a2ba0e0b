package dev.layerwise.losses;

import dev.layerwise.Shape;
import dev.layerwise.layers.ActivationFn;
import java.util.Optional;

/**
 * Categorical cross-entropy over the last axis (C classes) with one-hot (or soft) labels of the output's shape.
 *
 * <ul>
 *   <li>From probabilities: {@code p̂ = clip(p / Σ_c p_c, ε, 1 − ε)}, {@code ℓ = −Σ_c y_c log p̂_c}. Like Keras,
 *       the probabilities are renormalised first, which adds a {@code Σ_c y_c / Σ_c p_c} term to the gradient
 *       that vanishes when p already sums to 1.
 *   <li>From logits: {@code ℓ = −Σ_c y_c · logsoftmax(z)_c}; gradient {@code (softmax(z) − y) / N} for labels
 *       that sum to 1.
 * </ul>
 */
public record CategoricalCrossentropy(boolean fromLogits) implements Loss {

  public CategoricalCrossentropy withFromLogits(boolean fromLogits) {
    return new CategoricalCrossentropy(fromLogits);
  }

  @Override
  public boolean takesLogits() {
    return true;
  }

  @Override
  public String kerasName() {
    return "categorical_crossentropy";
  }

  @Override
  public Shape labelShape(Shape outputShape) {
    return outputShape;
  }

  @Override
  public Optional<ActivationFn> probabilityActivation() {
    return fromLogits ? Optional.empty() : Optional.of(ActivationFn.SOFTMAX);
  }

  @Override
  public <R> R accept(LossVisitor<R> visitor) {
    return visitor.visitCategoricalCrossentropy(this);
  }
}
