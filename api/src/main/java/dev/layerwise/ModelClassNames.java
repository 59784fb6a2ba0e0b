package dev.layerwise;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.data.ClassNames;
import dev.layerwise.data.Dataset;
import dev.layerwise.internal.CompileChecks;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.spi.ModelSpec;

/**
 * How a model's class names fit its output and turn its predictions into classes ({@link Model#withClassNames},
 * {@link CompiledModel#predictClasses}).
 *
 * <p>A model with one output of shape {@code [C]}, {@code C ≥ 2}, scores {@code C} exclusive classes: the predicted
 * class is the first index of the row's largest value (argmax; softmax keeps the order, so logits and probabilities
 * give the same class). A model with one output of shape {@code [1]} (or a scalar) is a binary classifier of two
 * named classes: class 1 when its probability is above 0.5, which on logits is {@code z > 0} (Keras's
 * {@code BinaryAccuracy} threshold, tested exactly in logit space as the metrics do).
 */
final class ModelClassNames {
  private ModelClassNames() {}

  /** Refuses names that do not match the model's one output, naming the model, its output and the names. */
  static void check(ModelSpec spec, ClassNames names) {
    checkArgument(spec.outputs().size() == 1, "model '%s': class names are for a model with one output; it has %s"
        + " outputs %s", spec.name(), spec.outputs().size(), spec.outputNames());
    Shape out = spec.outputShapes().get(0);
    int width = out.rank() == 0 ? 1 : out.last();
    checkArgument(out.rank() <= 1, "model '%s': class names need an output of shape [classes] per sample; its"
        + " output '%s' has shape %s", spec.name(), spec.outputNames().get(0), out);
    checkArgument(width == names.size() || width == 1 && names.size() == 2, "model '%s': %s class names %s do not"
        + " fit its output '%s' of shape %s (expected %s names, or 2 for one sigmoid unit)", spec.name(),
        names.size(), names.names(), spec.outputNames().get(0), out, width);
  }

  /** {@link CompiledModel#predictClasses}: refused before anything runs for a model without class names. */
  static ClassPredictions predict(CompiledModel model, Dataset data) {
    ClassNames names = model.model().classNames().orElseThrow(() -> new IllegalStateException(String.format(
        "predictClasses: model '%s' has no class names; give them with Model.withClassNames before compiling (a"
            + " CsvData's or ImageFolderData's classNames())", model.model().name())));
    int width = model.spec().outputShapes().get(0).size();
    boolean logits = width == 1 && binaryLogits(model.model(), model.hasLoss() ? model.config() : null);
    float[] out = model.predict(data);
    return new ClassPredictions(names, classes(out, data.size(), width, logits));
  }

  /**
   * The class of each sample from the output values ({@code size × width}, row-major).
   *
   * @param logits for a binary output, whether it holds logits rather than probabilities
   */
  static int[] classes(float[] out, int size, int width, boolean logits) {
    int[] classes = new int[size];
    for (int i = 0; i < size; i++) {
      if (width == 1) {
        classes[i] = out[i] > (logits ? 0f : 0.5f) ? 1 : 0;
        continue;
      }
      int best = 0;
      for (int j = 1; j < width; j++) {
        if (out[i * width + j] > out[i * width + best]) {
          best = j;
        }
      }
      classes[i] = best;
    }
    return classes;
  }

  /**
   * Whether a binary output holds logits: what its loss reads, or, for a model compiled without one, whether it ends
   * with a sigmoid (an output without either says nothing about where 0.5 lies, and is refused).
   *
   * @param config the model's configuration, or {@code null} for a model compiled without a loss
   */
  static boolean binaryLogits(Model model, TrainingConfig config) {
    if (config != null) {
      return config.lossFor(model.outputNames().get(0)).fromLogits();
    }
    boolean sigmoid = CompileChecks.outputActivation(model.spec().lastNode()).filter(f -> f == ActivationFn.SIGMOID)
        .isPresent();
    checkArgument(sigmoid, "predictClasses: model '%s' has one output unit and was compiled without a loss, so"
        + " whether it gives logits or probabilities is unknown; end it with a sigmoid or compile it with its loss",
        model.name());
    return false;
  }
}
