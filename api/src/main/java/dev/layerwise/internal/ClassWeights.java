package dev.layerwise.internal;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.data.Dataset;
import dev.layerwise.losses.Loss;
import dev.layerwise.losses.SparseCategoricalCrossentropy;
import dev.layerwise.spi.ModelSpec;
import java.util.Map;

/**
 * Class weights turned into one weight per sample, as Keras's {@code class_weight_to_sample_weights}: a sample's
 * class is its label when there is one value per sample (a sparse class index, or a binary output's 0/1 label),
 * the index of the largest value when the label is a row of C values (one-hot; the first on ties), rounded half to
 * even as numpy's {@code round}; a class the map leaves out weighs 1.
 *
 * <p>Unlike Keras, which ignores a key that is not a class, a key ≥ the number of classes is refused: it is a typo
 * or a wrong model, and silently weighing nothing hides it. The number of classes is the output's last dimension
 * for one-hot rows and sparse labels, 2 for one value per sample otherwise (binary).
 */
final class ClassWeights {
  private ClassWeights() {}

  /**
   * One weight per sample of an arranged dataset (targets in the model's output order).
   *
   * @throws IllegalArgumentException for a model with several outputs, a dataset that already carries sample weights,
   *     labels that do not give one class per sample, or a key that is not one of the output's classes
   */
  static double[] sampleWeights(ModelSpec spec, TrainingConfig config, Dataset data, Map<Integer, Double> weights) {
    checkArgument(spec.outputs().size() == 1, "fit: classWeight is only for a model with one output; model '%s' has"
        + " %s outputs %s: give each sample its weight with Dataset.withSampleWeights instead", spec.name(),
        spec.outputs().size(), spec.outputNames());
    checkArgument(!data.hasSampleWeights(), "fit: give classWeight or sample weights (Dataset.withSampleWeights),"
        + " not both (as Keras); got classWeight %s and a dataset with sample weights", weights);
    Loss loss = config.lossFor(spec.outputNames().get(0));
    Shape labels = data.targetShapes().get(0);
    Shape output = spec.outputShapes().get(0);
    boolean oneValue = labels.size() == 1 && labels.rank() <= 1;
    checkArgument(oneValue || labels.rank() == 1, "fit: classWeight needs one class per sample: labels of shape [],"
        + " [1] or [C] (one-hot), got labels of shape %s", labels);
    int classes = !oneValue || loss instanceof SparseCategoricalCrossentropy ? output.last() : 2;
    int largest = weights.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
    checkArgument(largest < classes, "fit: classWeight names class %s, but model '%s' (output %s, %s) has %s classes,"
        + " 0 to %s", largest, spec.name(), output, loss.kerasName(), classes, classes - 1);
    double[] out = new double[data.size()];
    for (int i = 0; i < out.length; i++) {
      int c = oneValue ? (int) Math.rint(data.label(0, i, 0)) : argmax(data, i, labels.size());
      checkArgument(0 <= c && c < classes, "fit: classWeight needs each label to be a class 0 to %s, but sample %s's"
          + " label %s is class %s", classes - 1, i, data.label(0, i, 0), c);
      out[i] = weights.getOrDefault(c, 1.0);
    }
    return out;
  }

  private static int argmax(Dataset data, int sample, int width) {
    int best = 0;
    for (int j = 1; j < width; j++) {
      if (data.label(0, sample, j) > data.label(0, sample, best)) {
        best = j;
      }
    }
    return best;
  }
}
