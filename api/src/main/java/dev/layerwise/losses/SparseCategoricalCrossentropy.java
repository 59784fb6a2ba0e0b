package dev.layerwise.losses;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;
import dev.layerwise.layers.ActivationFn;
import java.util.Optional;

/**
 * Categorical cross-entropy with integer class labels: the same as {@link CategoricalCrossentropy} with
 * {@code y = onehot(label)}, so per sample {@code ℓ = −log p̂_label} (probabilities, renormalised and clipped) or
 * {@code ℓ = −logsoftmax(z)_label} (logits). Labels are one integer in [0, C) per sample, stored as floats, of
 * shape {@code []} (or {@code [1]}); the model's output is {@code [C]}.
 */
public record SparseCategoricalCrossentropy(boolean fromLogits) implements Loss {

  public SparseCategoricalCrossentropy withFromLogits(boolean fromLogits) {
    return new SparseCategoricalCrossentropy(fromLogits);
  }

  @Override
  public boolean takesLogits() {
    return true;
  }

  @Override
  public String kerasName() {
    return "sparse_categorical_crossentropy";
  }

  @Override
  public Shape labelShape(Shape outputShape) {
    checkArgument(outputShape.rank() == 1,
        "sparse_categorical_crossentropy expects a model output of shape [classes], got %s", outputShape);
    return Shape.scalar();
  }

  @Override
  public Optional<ActivationFn> probabilityActivation() {
    return fromLogits ? Optional.empty() : Optional.of(ActivationFn.SOFTMAX);
  }

  @Override
  public <R> R accept(LossVisitor<R> visitor) {
    return visitor.visitSparseCategoricalCrossentropy(this);
  }
}
