package dev.layerwise.losses;

import dev.layerwise.Shape;

/**
 * Mean absolute error: per sample {@code ℓ = (1/K) Σ_k |p_k − y_k|} over the K output values, averaged over the
 * batch (the mean over every element). Gradient: {@code ∂L/∂p = sign(p − y) / (N·K)}, with {@code sign(0) = 0} at
 * the kink, as TF's {@code Abs} gradient gives. Labels have the output's shape. Keras:
 * {@code keras.losses.MeanAbsoluteError}, identifier {@code "mean_absolute_error"}.
 */
public record MeanAbsoluteError() implements Loss {
  @Override
  public boolean fromLogits() {
    return false;
  }

  @Override
  public String kerasName() {
    return "mean_absolute_error";
  }

  @Override
  public Shape labelShape(Shape outputShape) {
    return outputShape;
  }

  @Override
  public <R> R accept(LossVisitor<R> visitor) {
    return visitor.visitMeanAbsoluteError(this);
  }
}
