package dev.layerwise.losses;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;

/**
 * Categorical hinge (the Crammer–Singer multi-class margin): the score of the true class should beat the best
 * other score by at least 1. Per row of C scores p with one-hot labels y,
 *
 * <pre>
 *   pos = Σ_c y_c p_c,   neg = max_c (1 − y_c) p_c,   m = neg − pos + 1
 *   ℓ = max(m, 0)
 *   ∂L/∂p_j = [(1 − y_j)·[j ∈ A] / |A| − y_j] / R   where m ≥ 0, else 0
 * </pre>
 *
 * <p>A is the set of positions where {@code (1 − y_c) p_c} reaches its maximum; tied positions share the
 * subgradient equally and at {@code m = 0} the active branch is taken, the conventions of TF's {@code Max} and
 * {@code Maximum} gradients. Note that the true class enters the max as 0 (its weight 1 − y is 0), so when every
 * other score is negative, neg is 0. R is the number of rows (N for an output {@code [N, C]}).
 *
 * <p>The scores are raw: no activation is required and none is assumed, so a model trained with this loss has no
 * probabilities (no class signatures on export). Keras: {@code keras.losses.CategoricalHinge}, identifier
 * {@code "categorical_hinge"}. Labels have the output's shape, each in [0, 1] (one-hot rows; Keras's docstring also
 * mentions {-1, +1} labels, which its formula turns into a weight of 2 on the wrong classes: refused here).
 */
public record CategoricalHinge() implements Loss {
  @Override
  public boolean fromLogits() {
    return false;
  }

  @Override
  public String kerasName() {
    return "categorical_hinge";
  }

  @Override
  public Shape labelShape(Shape outputShape) {
    checkArgument(outputShape.rank() >= 1 && outputShape.last() >= 2,
        "categorical_hinge compares the true class's score with the others over the last axis; expects a model"
            + " output of at least 2 classes, got %s", outputShape);
    return outputShape;
  }

  @Override
  public <R> R accept(LossVisitor<R> visitor) {
    return visitor.visitCategoricalHinge(this);
  }
}
