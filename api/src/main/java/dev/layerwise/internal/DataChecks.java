package dev.layerwise.internal;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.losses.Loss;
import dev.layerwise.losses.SparseCategoricalCrossentropy;
import dev.layerwise.spi.ModelSpec;
import java.util.Arrays;

/**
 * Checks data against a model in Java, before any of it reaches a backend, the same for every backend: shapes,
 * finite features, and targets the loss can make sense of ({@link TargetChecks}). Each message names the dataset
 * ({@code fit}, {@code fit validationData}, {@code evaluate}, {@code predict}).
 *
 * <p>A non-finite feature is refused rather than passed on: no backend would flag it (ReLU turns NaN into 0, so
 * predictions can look finite and be wrong), and in training it would make the loss NaN at some later step. The scan
 * reads every feature once per dataset; on Fashion-MNIST (60,000 × 784) it takes about 18 ms (docs/reliability.md).
 */
public final class DataChecks {
  private DataChecks() {}

  /** The samples' shape must be the model's input shape, and every feature value finite. */
  public static void checkFeatures(ModelSpec spec, Dataset data, String what) {
    Shape expected = spec.inputShape();
    Shape got = data.featureShape();
    checkArgument(expected.equals(got),
        "%s: the model's Input '%s' expects samples of shape %s (%s features), got samples of shape %s (%s"
            + " features)%s", what, spec.nodes().get(0).name(), expected, expected.size(), got, got.size(),
        expected.size() == got.size() ? "; use Dataset.withFeatureShape or a Flatten/Reshape layer" : "");
    int bad = data.firstNonFiniteFeature();
    if (bad >= 0) {
      int sample = bad / got.size();
      int feature = bad % got.size();
      throw new IllegalArgumentException(String.format("%s: every feature must be finite, but feature %d%s of"
          + " sample %d is %s", what, feature, position(got, feature), sample, data.feature(sample, feature)));
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
   * Labels must be present, of the shape the loss expects, and values the loss can make sense of
   * ({@link TargetChecks}).
   */
  public static void checkLabels(ModelSpec spec, Loss loss, Dataset data, String what) {
    checkArgument(data.hasLabels(), "%s: the dataset has no labels; %s needs them", what, loss.kerasName());
    Shape expected = loss.labelShape(spec.outputShape());
    Shape got = data.labelShape();
    boolean sparse = loss instanceof SparseCategoricalCrossentropy;
    boolean shapeOk = expected.equals(got) || sparse && got.equals(Shape.of(1));
    checkArgument(shapeOk, "%s: %s expects labels of shape %s for model outputs of shape %s, got labels of shape %s",
        what, loss.kerasName(), expected, spec.outputShape(), got);
    TargetChecks.check(spec, loss, data, what);
  }
}
