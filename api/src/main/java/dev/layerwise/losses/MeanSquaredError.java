package dev.layerwise.losses;

import dev.layerwise.Shape;

/**
 * Mean squared error: per sample {@code ℓ = (1/K) Σ_k (p_k − y_k)²} over the K output values, averaged over the
 * batch. Gradient: {@code ∂L/∂p = 2 (p − y) / (N·K)}. Labels have the output's shape.
 */
public record MeanSquaredError() implements Loss {
  @Override
  public boolean fromLogits() {
    return false;
  }

  @Override
  public String kerasName() {
    return "mean_squared_error";
  }

  @Override
  public Shape labelShape(Shape outputShape) {
    return outputShape;
  }

  @Override
  public <R> R accept(LossVisitor<R> visitor) {
    return visitor.visitMeanSquaredError(this);
  }
}
