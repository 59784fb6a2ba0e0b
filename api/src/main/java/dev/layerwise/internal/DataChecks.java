package dev.layerwise.internal;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.data.Dataset;
import dev.layerwise.losses.Loss;
import dev.layerwise.losses.SparseCategoricalCrossentropy;
import dev.layerwise.spi.ModelSpec;
import java.util.Arrays;
import java.util.List;

/**
 * Checks data against a model in Java, before any of it reaches a backend, the same for every backend: which array
 * goes to which input and output (by name, {@link Dataset#arranged}), shapes, finite features, and targets the
 * loss can make sense of ({@link TargetChecks}). Each message names the dataset ({@code fit},
 * {@code fit validationData}, {@code evaluate}, {@code predict}), and for a model with several inputs or outputs,
 * the input or output.
 *
 * <p>A non-finite feature is refused rather than passed on: no backend would flag it (ReLU turns NaN into 0, so
 * predictions can look finite and be wrong), and in training it would make the loss NaN at some later step. The scan
 * reads every feature once per dataset; on Fashion-MNIST (60,000 × 784) it takes about 18 ms (docs/reliability.md).
 */
public final class DataChecks {
  private DataChecks() {}

  /** The dataset's feature arrays in the model's input order, each checked (its targets dropped). */
  public static Dataset features(ModelSpec spec, Dataset data, String what) {
    Dataset arranged = arrange(data, spec.inputs(), null, what);
    checkFeatures(spec, arranged, what);
    return arranged;
  }

  /**
   * The dataset's feature and target arrays in the model's input and output order, each checked: the features as
   * {@link #features} does, the targets against each output's loss.
   */
  public static Dataset labelled(ModelSpec spec, TrainingConfig config, Dataset data, String what) {
    checkArgument(data.hasLabels(), "%s: the dataset has no labels; %s needs them", what,
        config.lossFor(spec.outputNames().get(0)).kerasName());
    Dataset arranged = arrange(data, spec.inputs(), spec.outputNames(), what);
    checkFeatures(spec, arranged, what);
    for (int k = 0; k < spec.outputs().size(); k++) {
      checkLabels(spec, k, config.lossFor(spec.outputNames().get(k)), arranged, what);
    }
    return arranged;
  }

  private static Dataset arrange(Dataset data, List<String> inputs, List<String> outputs, String what) {
    try {
      return data.arranged(inputs, outputs);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
    }
  }

  /** Each feature array's samples must have its input's shape, and every value must be finite. */
  private static void checkFeatures(ModelSpec spec, Dataset data, String what) {
    for (int k = 0; k < spec.inputs().size(); k++) {
      Shape expected = spec.inputShapes().get(k);
      Shape got = data.featureShapes().get(k);
      checkArgument(expected.equals(got),
          "%s: the model's Input '%s' expects samples of shape %s (%s features), got samples of shape %s (%s"
              + " features)%s", what, spec.inputs().get(k), expected, expected.size(), got, got.size(),
          expected.size() == got.size() ? "; use Dataset.withFeatureShape or a Flatten/Reshape layer" : "");
      int bad = data.firstNonFiniteFeature(k);
      if (bad >= 0) {
        int sample = bad / got.size();
        int feature = bad % got.size();
        String of = spec.inputs().size() == 1 ? "" : " of input '" + spec.inputs().get(k) + "'";
        throw new IllegalArgumentException(String.format("%s: every feature must be finite, but feature %d%s%s of"
            + " sample %d is %s", what, feature, position(got, feature), of, sample, data.feature(k, sample,
            feature)));
      }
    }
  }

  /** Where a flat feature index sits in a sample of a multi-axis shape ({@code at [3, 4]}), or nothing for rank 1. */
  private static String position(Shape shape, int flat) {
    int[] dims = shape.dims();
    if (dims.length < 2) {
      return "";
    }
    int[] at = new int[dims.length];
    for (int k = dims.length - 1, rest = flat; k >= 0; k--) {
      at[k] = rest % dims[k];
      rest /= dims[k];
    }
    return " (at " + Arrays.toString(at) + " of " + shape + ")";
  }

  /**
   * Output k's targets (array k of an arranged dataset) must have the shape its loss expects, and values the loss
   * can make sense of ({@link TargetChecks}).
   */
  private static void checkLabels(ModelSpec spec, int output, Loss loss, Dataset data, String what) {
    Shape out = spec.outputShapes().get(output);
    Shape expected = loss.labelShape(out);
    Shape got = data.targetShapes().get(output);
    boolean sparse = loss instanceof SparseCategoricalCrossentropy;
    boolean shapeOk = expected.equals(got) || sparse && got.equals(Shape.of(1));
    String of = spec.outputs().size() == 1 ? "" : " of output '" + spec.outputNames().get(output) + "'";
    checkArgument(shapeOk, "%s: %s expects labels%s of shape %s for model outputs of shape %s, got labels of shape"
        + " %s", what, loss.kerasName(), of, expected, out, got);
    TargetChecks.check(spec, output, loss, data, what);
  }
}
