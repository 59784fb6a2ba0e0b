package dev.layerwise.losses;

import dev.layerwise.Shape;
import dev.layerwise.layers.ActivationFn;
import java.util.Optional;

/**
 * A training objective. Every loss is a per-sample value averaged over the batch (Keras's
 * {@code SUM_OVER_BATCH_SIZE}); each record's javadoc gives the per-sample formula both backends implement.
 * For outputs of rank above 1 ({@code [batch, d1, …, C]}), the losses over the last axis (categorical
 * cross-entropies, KL divergence, categorical hinge) treat every position as a sample and divide by
 * {@code batch·d1·…}; element-wise losses (mean squared and absolute error, Huber, binary cross-entropy) average
 * over all elements.
 *
 * <p>Cross-entropies take either probabilities ({@code fromLogits = false}, Keras's default) or raw scores
 * ({@code fromLogits = true}). From logits is the numerically safe choice: softmax and log are fused into
 * log-softmax, and the gradient with respect to the logits is simply {@code (softmax(z) − y) / N}. Compiling a
 * model whose last layer already applies softmax with a {@code fromLogits} loss (softmax twice), or a linear last
 * layer with a probability loss, is refused.
 */
public sealed interface Loss
    permits MeanSquaredError, MeanAbsoluteError, Huber, BinaryCrossentropy, CategoricalCrossentropy,
    SparseCategoricalCrossentropy, KLDivergence, CategoricalHinge {

  /** Probabilities are clipped to [ε, 1 − ε] before a log, as in Keras. */
  double EPSILON = 1e-7;

  /** Whether the model's outputs are raw scores (logits) rather than probabilities. */
  boolean fromLogits();

  /**
   * Whether this loss can read logits instead of probabilities ({@code withFromLogits}): only the cross-entropies,
   * as in Keras.
   */
  default boolean takesLogits() {
    return false;
  }

  /** The name Keras gives it ({@code "sparse_categorical_crossentropy"}). */
  String kerasName();

  /** The shape of one label for a model whose samples have this output shape. */
  Shape labelShape(Shape outputShape);

  /**
   * The activation a model must end with when this loss reads probabilities, if it reads probabilities at all.
   * Empty for regression losses and for {@code fromLogits} cross-entropies.
   */
  default Optional<ActivationFn> probabilityActivation() {
    return Optional.empty();
  }

  <R> R accept(LossVisitor<R> visitor);

  static MeanSquaredError meanSquaredError() {
    return new MeanSquaredError();
  }

  static BinaryCrossentropy binaryCrossentropy() {
    return new BinaryCrossentropy(false);
  }

  static CategoricalCrossentropy categoricalCrossentropy() {
    return new CategoricalCrossentropy(false);
  }

  static SparseCategoricalCrossentropy sparseCategoricalCrossentropy() {
    return new SparseCategoricalCrossentropy(false);
  }

  static MeanAbsoluteError meanAbsoluteError() {
    return new MeanAbsoluteError();
  }

  /** Huber loss with Keras's default δ = 1 ({@code withDelta} for another). */
  static Huber huber() {
    return new Huber(Huber.DEFAULT_DELTA);
  }

  static KLDivergence klDivergence() {
    return new KLDivergence();
  }

  static CategoricalHinge categoricalHinge() {
    return new CategoricalHinge();
  }
}
