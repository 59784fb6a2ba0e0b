package dev.layerwise.examples;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.Model;
import dev.layerwise.Predictions;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Add;
import dev.layerwise.layers.Concatenate;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.SymbolicTensor;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The code samples of the guide page {@code docs/functional.md}, verbatim between {@code // region NAME} and
 * {@code // endregion NAME}. {@code DocSnippetsTest} checks that each {@code java} block of the page shows exactly
 * these lines; {@code FunctionalSnippetsTest} builds or runs each sample as the page describes it.
 */
public final class FunctionalSnippets {
  private FunctionalSnippets() {}

  /** The smallest residual connection. */
  public static Model residual() {
    // region functional-residual
    SymbolicTensor x = Input.shape(8).withName("x").tensor();          // a model input: 8 values per sample
    SymbolicTensor h = Dense.units(8).withActivation(ActivationFn.RELU).withName("hidden").apply(x);
    SymbolicTensor y = Dense.units(8).withName("change").apply(h);
    SymbolicTensor sum = Add.create().apply(x, y);                       // the skip connection: x + change(x)
    SymbolicTensor logits = Dense.units(3).withName("logits").apply(sum);
    Model model = Model.of(x, logits).withName("residual").withSeed(42);
    // endregion functional-residual
    return model;
  }

  /** What merge layers make of their inputs' shapes. */
  public static List<Shape> mergeShapes() {
    // region merge-shapes
    SymbolicTensor a = Input.shape(4, 3).tensor();
    SymbolicTensor b = Input.shape(4, 5).tensor();
    Shape joined = Concatenate.create().apply(a, b).shape();             // [4, 8]: along the last axis
    Shape stacked = Concatenate.axis(0).apply(a, a).shape();             // [8, 3]: axis 0 is the sample's first
    Shape summed = Add.create().apply(a, a, a).shape();                  // [4, 3]: equal shapes, any number
    // Add.create().apply(a, b) is refused: [4, 3] and [4, 5] differ, and merges do not broadcast
    // endregion merge-shapes
    return List.of(joined, stacked, summed);
  }

  /** Two inputs through one shared encoder. */
  public static Model siamese() {
    // region shared-layer
    SymbolicTensor left = Input.shape(3).withName("left").tensor();
    SymbolicTensor right = Input.shape(3).withName("right").tensor();
    Dense encoder = Dense.units(2).withName("encoder");                  // one object: one set of weights
    SymbolicTensor both = Concatenate.create().apply(encoder.apply(left), encoder.apply(right));
    Model model = Model.of(List.of(left, right), List.of(Dense.units(1).withName("same").apply(both)));
    // endregion shared-layer
    return model;
  }

  /** Two equal records are two layers. */
  public static Model twoLayers() {
    // region equal-records
    SymbolicTensor x = Input.shape(3).tensor();
    SymbolicTensor twice = Dense.units(3).apply(Dense.units(3).apply(x));   // equal records, two weight sets
    Model model = Model.of(x, twice);                                        // 2 · (3·3 + 3) = 24 parameters
    // endregion equal-records
    return model;
  }

  /** A layer name used by two different objects. */
  public static Model nameClash() {
    // region name-clash
    SymbolicTensor x = Input.shape(3).tensor();
    SymbolicTensor h = Dense.units(3).withName("hidden").apply(x);
    return Model.of(x, Dense.units(3).withName("hidden").apply(h));          // refused: two layers named 'hidden'
    // endregion name-clash
  }

  /** Two inputs, two outputs: the model. */
  public static Model twoTowers() {
    // region two-towers
    SymbolicTensor image = Input.shape(16).withName("image").tensor();
    SymbolicTensor meta = Input.shape(3).withName("meta").tensor();
    SymbolicTensor features = Concatenate.create().apply(
        Dense.units(8).withActivation(ActivationFn.RELU).apply(image), meta);
    SymbolicTensor kind = Dense.units(4).withName("kind").apply(features);     // 4 classes, as logits
    SymbolicTensor size = Dense.units(1).withName("size").apply(features);     // a number
    Model model = Model.of(List.of(image, meta), List.of(kind, size)).withSeed(7);
    // endregion two-towers
    return model;
  }

  /** Two inputs, two outputs: named data, a loss per output, a loss weight, per-output metrics. */
  public static History fitTwoTowers(Model model, Backend backend, float[] image, float[] meta, int[] kinds,
      float[] sizes) {
    // region two-towers-fit
    Dataset data = Dataset.builder()
        .features("image", image, Shape.of(16)).features("meta", meta, Shape.of(3))
        .classLabels("kind", kinds).targets("size", sizes, Shape.of(1))
        .build();
    TrainingConfig config = TrainingConfig.of(Optimizer.adam(1e-2), Map.of(
            "kind", Loss.sparseCategoricalCrossentropy().withFromLogits(true),
            "size", Loss.meanSquaredError()))
        .withLossWeight("size", 0.5)                                      // loss = kind_loss + 0.5 · size_loss
        .withMetrics("kind", Metric.ACCURACY);
    History history;
    try (CompiledModel m = model.compile(backend, config)) {
      history = m.fit(data, FitOptions.builder().epochs(20).batchSize(16).quiet().build());
      // history keys: loss, kind_accuracy, kind_loss, size_loss, learning_rate
      Predictions p = m.predictOutputs(data);
      float[] kindLogits = p.get("kind");                                 // samples × 4
      float[] predictedSizes = p.get("size");                             // samples × 1
    }
    // endregion two-towers-fit
    return history;
  }

  /** The model's graph, as text and as a picture. */
  public static String draw(Model model, Path png) {
    // region plot
    String dot = model.toDot();              // Graphviz's DOT text: no program needed
    model.plot(png);                         // runs Graphviz's dot; .png, .svg or .pdf by the file's extension
    // endregion plot
    return dot;
  }
}
