package dev.layerwise.losses;

import dev.layerwise.Shape;
import dev.layerwise.layers.ActivationFn;
import java.util.Optional;

/**
 * Binary cross-entropy over K independent yes/no outputs, labels y ∈ [0, 1] of the output's shape, averaged
 * over the K outputs and then over the batch.
 *
 * <ul>
 *   <li>From probabilities: {@code p̂ = clip(p, ε, 1 − ε)}, {@code ℓ = −(1/K) Σ [y log p̂ + (1 − y) log(1 − p̂)]}.
 *       Gradient {@code (p̂ − y) / (p̂ (1 − p̂)) / (N·K)} inside the clip range, 0 outside.
 *   <li>From logits: {@code ℓ = (1/K) Σ [y·softplus(−z) + (1 − y)·softplus(z)]}, the same value computed
 *       without ever forming σ(z); gradient {@code (σ(z) − y) / (N·K)}.
 * </ul>
 */
public record BinaryCrossentropy(boolean fromLogits) implements Loss {

  public BinaryCrossentropy withFromLogits(boolean fromLogits) {
    return new BinaryCrossentropy(fromLogits);
  }

  @Override
  public boolean takesLogits() {
    return true;
  }

  @Override
  public String kerasName() {
    return "binary_crossentropy";
  }

  @Override
  public Shape labelShape(Shape outputShape) {
    return outputShape;
  }

  @Override
  public Optional<ActivationFn> probabilityActivation() {
    return fromLogits ? Optional.empty() : Optional.of(ActivationFn.SIGMOID);
  }

  @Override
  public <R> R accept(LossVisitor<R> visitor) {
    return visitor.visitBinaryCrossentropy(this);
  }
}
