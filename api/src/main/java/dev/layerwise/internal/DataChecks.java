package dev.layerwise.internal;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.losses.Loss;
import dev.layerwise.losses.SparseCategoricalCrossentropy;
import dev.layerwise.spi.ModelSpec;

/** Checks data against a model in Java, before any of it reaches a backend. */
public final class DataChecks {
  private DataChecks() {}

  /** The samples' shape must be the model's input shape. */
  public static void checkFeatures(ModelSpec spec, Dataset data, String what) {
    Shape expected = spec.inputShape();
    Shape got = data.featureShape();
    checkArgument(expected.equals(got),
        "%s: the model's Input '%s' expects samples of shape %s (%s features), got samples of shape %s (%s"
            + " features)%s", what, spec.nodes().get(0).name(), expected, expected.size(), got, got.size(),
        expected.size() == got.size() ? "; use Dataset.withFeatureShape or a Flatten/Reshape layer" : "");
  }

  /** Labels must be present, of the shape the loss expects, and (for class labels) valid class indices. */
  public static void checkLabels(ModelSpec spec, Loss loss, Dataset data, String what) {
    checkArgument(data.hasLabels(), "%s: the dataset has no labels; %s needs them", what, loss.kerasName());
    Shape expected = loss.labelShape(spec.outputShape());
    Shape got = data.labelShape();
    boolean sparse = loss instanceof SparseCategoricalCrossentropy;
    boolean shapeOk = expected.equals(got) || sparse && got.equals(Shape.of(1));
    checkArgument(shapeOk, "%s: %s expects labels of shape %s for model outputs of shape %s, got labels of shape %s",
        what, loss.kerasName(), expected, spec.outputShape(), got);
    if (sparse) {
      int classes = spec.outputShape().last();
      for (int i = 0; i < data.size(); i++) {
        float label = data.label(i, 0);
        if (!(label >= 0 && label < classes && label == Math.rint(label))) {
          throw new IllegalArgumentException(String.format(
              "%s: %s expects class labels in [0, %d) (the last layer '%s' has %d outputs), but sample %d has"
                  + " label %s", what, loss.kerasName(), classes, spec.lastNode().name(), classes, i, label));
        }
      }
    }
  }
}
