package dev.layerwise.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;
import dev.layerwise.losses.BinaryCrossentropy;
import dev.layerwise.losses.CategoricalCrossentropy;
import dev.layerwise.losses.CategoricalHinge;
import dev.layerwise.losses.Huber;
import dev.layerwise.losses.KLDivergence;
import dev.layerwise.losses.Loss;
import dev.layerwise.losses.LossVisitor;
import dev.layerwise.losses.MeanAbsoluteError;
import dev.layerwise.losses.MeanSquaredError;
import dev.layerwise.losses.SparseCategoricalCrossentropy;

/**
 * How metrics read a model's outputs and labels, which follows from the loss (as Keras's {@code "accuracy"} does)
 * and the output shape. A sample's output is {@code rows × classes} values: the last axis holds the classes (or,
 * for sigmoid outputs, independent yes/no labels; for regression, plain values) and every other axis is a row of
 * its own, as the losses treat it.
 *
 * <ul>
 *   <li>{@link Kind#REGRESSION}: mean squared/absolute error, Huber. Outputs are plain values.
 *   <li>{@link Kind#BINARY}: binary cross-entropy. Every output value is an independent decision; a label counts
 *       as positive above 0.5.
 *   <li>{@link Kind#CATEGORICAL}: the categorical cross-entropies, KL divergence, categorical hinge. One class per
 *       row; the predicted class is the first argmax of the row, the true class is the label (sparse) or the
 *       first argmax of the label row (one-hot or soft).
 * </ul>
 *
 * @param scores what the outputs are: probabilities, logits (probabilities after sigmoid or softmax) or raw scores
 *     that have no probabilities (regression values, hinge margins)
 * @param sparseLabels whether labels are class indices, one per row
 * @param classes the size of the last axis
 * @param rows the rows per sample
 */
public record Readout(Kind kind, Scores scores, boolean sparseLabels, int classes, int rows) {

  /** What a model predicts. */
  public enum Kind { REGRESSION, BINARY, CATEGORICAL }

  /** What the output values are. */
  public enum Scores { PROBABILITIES, LOGITS, RAW }

  public Readout {
    requireNonNull(kind, "Readout: kind");
    requireNonNull(scores, "Readout: scores");
    checkArgument(classes > 0 && rows > 0, "Readout: classes and rows must be positive, got %s and %s", classes,
        rows);
    checkArgument(!sparseLabels || kind == Kind.CATEGORICAL, "Readout: only categorical labels can be sparse");
  }

  /** The readout of a model with this loss and per-sample output shape. */
  public static Readout of(Loss loss, Shape outputShape) {
    loss.labelShape(outputShape); // refuses outputs the loss cannot read
    int classes = outputShape.rank() == 0 ? 1 : outputShape.last();
    int rows = outputShape.size() / classes;
    Scores probabilities = loss.fromLogits() ? Scores.LOGITS : Scores.PROBABILITIES;
    return loss.accept(new LossVisitor<Readout>() {
      @Override
      public Readout visitMeanSquaredError(MeanSquaredError l) {
        return new Readout(Kind.REGRESSION, Scores.RAW, false, classes, rows);
      }

      @Override
      public Readout visitMeanAbsoluteError(MeanAbsoluteError l) {
        return new Readout(Kind.REGRESSION, Scores.RAW, false, classes, rows);
      }

      @Override
      public Readout visitHuber(Huber l) {
        return new Readout(Kind.REGRESSION, Scores.RAW, false, classes, rows);
      }

      @Override
      public Readout visitBinaryCrossentropy(BinaryCrossentropy l) {
        return new Readout(Kind.BINARY, probabilities, false, classes, rows);
      }

      @Override
      public Readout visitCategoricalCrossentropy(CategoricalCrossentropy l) {
        return new Readout(Kind.CATEGORICAL, probabilities, false, classes, rows);
      }

      @Override
      public Readout visitSparseCategoricalCrossentropy(SparseCategoricalCrossentropy l) {
        return new Readout(Kind.CATEGORICAL, probabilities, true, classes, rows);
      }

      @Override
      public Readout visitKLDivergence(KLDivergence l) {
        return new Readout(Kind.CATEGORICAL, Scores.PROBABILITIES, false, classes, rows);
      }

      @Override
      public Readout visitCategoricalHinge(CategoricalHinge l) {
        return new Readout(Kind.CATEGORICAL, Scores.RAW, false, classes, rows);
      }
    });
  }

  /** Values per sample in the output. */
  public int outputSize() {
    return rows * classes;
  }

  /** Values per sample in the labels. */
  public int labelSize() {
    return sparseLabels ? rows : rows * classes;
  }

  /** Whether the outputs give probabilities (directly or through sigmoid/softmax). */
  public boolean hasProbabilities() {
    return scores != Scores.RAW;
  }

  String describe() {
    return switch (kind) {
      case REGRESSION -> "a regression model";
      case BINARY -> "a model with " + classes + " sigmoid output" + (classes == 1 ? "" : "s");
      case CATEGORICAL -> "a " + classes + "-class model" + (scores == Scores.RAW ? " with raw scores" : "");
    };
  }
}
