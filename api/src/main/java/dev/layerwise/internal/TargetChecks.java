package dev.layerwise.internal;

import dev.layerwise.data.Dataset;
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
import dev.layerwise.spi.ModelSpec;
import java.util.Arrays;
import java.util.Locale;

/**
 * The values a loss can make sense of, checked in Java before training or evaluation (their shapes are checked by
 * {@link DataChecks}). Keras checks none of these values (its cross-entropies take any target and give a number,
 * e.g. a negative loss for binary labels 5 and −1); here a target outside the loss's domain is a caller's mistake:
 *
 * <ul>
 *   <li>mean squared error, mean absolute error, Huber: every target finite;
 *   <li>binary cross-entropy: every target in [0, 1] (soft targets allowed);
 *   <li>categorical cross-entropy: every target ≥ 0 and finite, each sample's targets summing to 1 within
 *       {@value #SUM_TOLERANCE} (one-hot or soft labels; float32 rounding of soft labels stays far inside it);
 *   <li>sparse categorical cross-entropy: integer class indices in [0, classes) — as Keras's TF backend, which
 *       fails such a label on the CPU;
 *   <li>KL divergence: every target in [0, 1] (Keras clips targets to [1e-7, 1], which would silently change a
 *       target above 1);
 *   <li>categorical hinge: every target in [0, 1] (one-hot rows).
 * </ul>
 */
final class TargetChecks implements LossVisitor<Void> {
  /** How far a categorical sample's targets may sum from 1 (relative to 1, so also absolute). */
  static final double SUM_TOLERANCE = 1e-3;

  private final ModelSpec spec;
  private final int output;
  private final Dataset data;
  private final String what;
  private final String loss;
  private final int width;

  private TargetChecks(ModelSpec spec, int output, Loss loss, Dataset data, String what) {
    this.spec = spec;
    this.output = output;
    this.data = data;
    this.what = spec.outputs().size() == 1 ? what : what + " (output '" + spec.outputNames().get(output) + "')";
    this.loss = loss.kerasName();
    this.width = data.targetShapes().get(output).size();
  }

  /**
   * Throws an {@link IllegalArgumentException} naming the loss, the sample, the element, what was expected and got.
   *
   * @param output which output's targets to check: array {@code output} of a dataset arranged in output order
   */
  static void check(ModelSpec spec, int output, Loss loss, Dataset data, String what) {
    loss.accept(new TargetChecks(spec, output, loss, data, what));
  }

  @Override
  public Void visitMeanSquaredError(MeanSquaredError l) {
    eachTarget("finite targets", Float::isFinite);
    return null;
  }

  @Override
  public Void visitMeanAbsoluteError(MeanAbsoluteError l) {
    eachTarget("finite targets", Float::isFinite);
    return null;
  }

  @Override
  public Void visitHuber(Huber l) {
    eachTarget("finite targets", Float::isFinite);
    return null;
  }

  @Override
  public Void visitKLDivergence(KLDivergence l) {
    eachTarget("targets in [0, 1] (a target distribution over the last axis)", t -> t >= 0 && t <= 1);
    return null;
  }

  @Override
  public Void visitCategoricalHinge(CategoricalHinge l) {
    eachTarget("targets in [0, 1] (one-hot rows: 1 for the true class, 0 elsewhere)", t -> t >= 0 && t <= 1);
    return null;
  }

  @Override
  public Void visitBinaryCrossentropy(BinaryCrossentropy l) {
    eachTarget("targets in [0, 1] (probabilities of the positive class)", t -> t >= 0 && t <= 1);
    return null;
  }

  @Override
  public Void visitCategoricalCrossentropy(CategoricalCrossentropy l) {
    String expected = "each sample's targets to be ≥ 0 and to sum to 1 (one-hot or soft labels; for class indices"
        + " use sparse_categorical_crossentropy)";
    eachTarget(expected, t -> t >= 0 && t < Float.POSITIVE_INFINITY);
    for (int i = 0; i < data.size(); i++) {
      double sum = 0;
      for (int j = 0; j < width; j++) {
        sum += data.label(output, i, j);
      }
      if (!(Math.abs(sum - 1) <= SUM_TOLERANCE)) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %s expects %s, but the targets of"
            + " sample %d sum to %s%s", what, loss, expected, i, (float) sum, row(i)));
      }
    }
    return null;
  }

  @Override
  public Void visitSparseCategoricalCrossentropy(SparseCategoricalCrossentropy l) {
    int classes = spec.outputShapes().get(output).last();
    for (int i = 0; i < data.size(); i++) {
      float label = data.label(output, i, 0);
      if (!(label >= 0 && label < classes && label == Math.rint(label))) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %s expects class labels in [0, %d)"
            + " (the last layer '%s' has %d outputs), but sample %d has label %s", what, loss, classes,
            spec.outputs().get(output), classes, i, label));
      }
    }
    return null;
  }

  private interface FloatTest {
    boolean ok(float value);
  }

  private void eachTarget(String expected, FloatTest test) {
    for (int i = 0; i < data.size(); i++) {
      for (int j = 0; j < width; j++) {
        float t = data.label(output, i, j);
        if (!test.ok(t)) {
          throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %s expects %s, but sample %d"
              + " element %d is %s%s", what, loss, expected, i, j, t, row(i)));
        }
      }
    }
  }

  /** The sample's targets, when short enough to read in a message. */
  private String row(int sample) {
    if (width < 2 || width > 10) {
      return "";
    }
    float[] r = new float[width];
    for (int j = 0; j < width; j++) {
      r[j] = data.label(output, sample, j);
    }
    return " (its targets: " + Arrays.toString(r) + ")";
  }
}
