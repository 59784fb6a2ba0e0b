package dev.layerwise.losses;

/** One method per loss record; backends implement it so a new loss fails to compile until each handles it. */
public interface LossVisitor<R> {
  R visitMeanSquaredError(MeanSquaredError loss);

  R visitBinaryCrossentropy(BinaryCrossentropy loss);

  R visitCategoricalCrossentropy(CategoricalCrossentropy loss);

  R visitSparseCategoricalCrossentropy(SparseCategoricalCrossentropy loss);

  R visitMeanAbsoluteError(MeanAbsoluteError loss);

  R visitHuber(Huber loss);

  R visitKLDivergence(KLDivergence loss);

  R visitCategoricalHinge(CategoricalHinge loss);
}
