package dev.layerwise.conformance.functional;

import dev.layerwise.Model;
import dev.layerwise.Sequential;
import dev.layerwise.TrainingConfig;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Add;
import dev.layerwise.layers.Average;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Concatenate;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.MaxPooling2D;
import dev.layerwise.layers.Maximum;
import dev.layerwise.layers.MergeLayer;
import dev.layerwise.layers.Minimum;
import dev.layerwise.layers.Multiply;
import dev.layerwise.layers.Padding;
import dev.layerwise.layers.Subtract;
import dev.layerwise.layers.SymbolicTensor;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.util.List;
import java.util.Map;

/**
 * Small graph models that exercise what a chain does not: merges, fan-out, sharing, several inputs and outputs. The
 * functional tests train them on both backends; the conformance suite ({@code GraphCases}) builds its graph cases
 * from the same builders.
 */
public final class GraphModels {
  private GraphModels() {}

  /** A model and how it trains. */
  public record Named(String name, Model model, TrainingConfig config) {
    @Override
    public String toString() {
      return name;
    }
  }

  public static List<Named> all() {
    TrainingConfig mse = TrainingConfig.of(Optimizer.adam(0.01), Loss.meanSquaredError());
    return List.of(
        new Named("add", merge(Add.create()), mse),
        new Named("subtract", merge(Subtract.create()), mse),
        new Named("multiply", merge(Multiply.create()), mse),
        new Named("average of three", merge3(Average.create()), mse),
        new Named("maximum", merge(Maximum.create()), mse),
        new Named("minimum of three", merge3(Minimum.create()), mse),
        new Named("concatenate", merge(Concatenate.create()), mse),
        new Named("concatenate axis 0 of images", concatenateImages(), mse),
        new Named("shared layer", shared(), mse),
        new Named("fan-out", fanOut(ActivationFn.RELU), TrainingConfig.of(Optimizer.sgd(0.05).withMomentum(0.9),
            Loss.categoricalCrossentropy())),
        new Named("residual CNN", residualCnn(), TrainingConfig.of(Optimizer.adam(0.01),
            Loss.sparseCategoricalCrossentropy().withFromLogits(true))),
        new Named("two inputs two outputs", twoByTwo(), TrainingConfig.of(Optimizer.adam(0.01), Map.of(
            "class", Loss.sparseCategoricalCrossentropy().withFromLogits(true), "score", Loss.meanSquaredError()))
            .withLossWeight("score", 0.3)),
        new Named("sequential sharing", Sequential.of(Input.shape(4), sharedDense(), sharedDense()).withSeed(3),
            mse));
  }

  private static final Dense SHARED = Dense.units(4).withActivation(ActivationFn.TANH);

  private static Dense sharedDense() {
    return SHARED;
  }

  /** Two inputs [3], each through its own tanh layer, merged, then Dense(2). */
  public static Model merge(MergeLayer merge) {
    SymbolicTensor a = Input.shape(3).withName("a").tensor();
    SymbolicTensor b = Input.shape(3).withName("b").tensor();
    SymbolicTensor m = merge.apply(Dense.units(3).withActivation(ActivationFn.TANH).apply(a),
        Dense.units(3).withActivation(ActivationFn.TANH).apply(b));
    return Model.of(List.of(a, b), List.of(Dense.units(2).apply(m))).withSeed(11);
  }

  /** One input [3] fanned out to three tanh layers, merged, then Dense(2). */
  public static Model merge3(MergeLayer merge) {
    SymbolicTensor x = Input.shape(3).tensor();
    SymbolicTensor m = merge.apply(Dense.units(3).withActivation(ActivationFn.TANH).apply(x),
        Dense.units(3).withActivation(ActivationFn.TANH).apply(x), Dense.units(3).withActivation(ActivationFn.TANH)
            .apply(x));
    return Model.of(x, Dense.units(2).apply(m)).withSeed(12);
  }

  /** Two [2, 3, 1] images stacked along their first axis, then flattened. */
  public static Model concatenateImages() {
    SymbolicTensor a = Input.shape(2, 3, 1).withName("a").tensor();
    SymbolicTensor b = Input.shape(2, 3, 1).withName("b").tensor();
    SymbolicTensor c = Concatenate.axis(0).apply(Conv2D.of(2, 1).apply(a), Conv2D.of(2, 1).apply(b));
    return Model.of(List.of(a, b), List.of(Dense.units(2).apply(Flatten.create().apply(c)))).withSeed(13);
  }

  /** One Dense applied to two inputs, the results added. */
  public static Model shared() {
    Dense encoder = Dense.units(3).withActivation(ActivationFn.TANH).withName("encoder");
    SymbolicTensor a = Input.shape(3).withName("a").tensor();
    SymbolicTensor b = Input.shape(3).withName("b").tensor();
    return Model.of(List.of(a, b), List.of(Dense.units(2).apply(Add.create().apply(encoder.apply(a),
        encoder.apply(b))))).withSeed(14);
  }

  /** One hidden tensor (Dense(5, {@code hidden}), then dropout) into two branches, joined again: softmax over 3. */
  public static Model fanOut(ActivationFn hidden) {
    SymbolicTensor x = Input.shape(4).tensor();
    SymbolicTensor h = Dropout.rate(0.25).apply(Dense.units(5).withActivation(hidden).apply(x));
    SymbolicTensor j = Concatenate.create().apply(Dense.units(2).apply(h), Dense.units(3).withActivation(
        ActivationFn.SIGMOID).apply(h));
    return Model.of(x, Dense.units(3).withActivation(ActivationFn.SOFTMAX).apply(j)).withSeed(15);
  }

  /** conv → (conv → bn → relu → conv) + skip → pool → dense, logits over 3 classes. */
  private static Model residualCnn() {
    SymbolicTensor image = Input.shape(6, 6, 1).withName("image").tensor();
    SymbolicTensor x = Conv2D.of(3, 3).withPadding(Padding.SAME).withActivation(ActivationFn.RELU).apply(image);
    SymbolicTensor y = Conv2D.of(3, 3).withPadding(Padding.SAME).withUseBias(false).apply(x);
    y = BatchNormalization.create().apply(y);
    y = Conv2D.of(3, 3).withPadding(Padding.SAME).withActivation(ActivationFn.RELU).apply(y);
    SymbolicTensor r = MaxPooling2D.of(2).apply(Add.create().apply(x, y));
    return Model.of(image, Dense.units(3).apply(Flatten.create().apply(r))).withSeed(16);
  }

  /** Inputs image [2, 2] and meta [2]; outputs class (3 logits) and score [1]. */
  public static Model twoByTwo() {
    SymbolicTensor image = Input.shape(2, 2).withName("image").tensor();
    SymbolicTensor meta = Input.shape(2).withName("meta").tensor();
    SymbolicTensor h = Concatenate.create().apply(Dense.units(3).withActivation(ActivationFn.TANH)
        .apply(Flatten.create().apply(image)), meta);
    return Model.of(List.of(image, meta), List.of(Dense.units(3).withName("class").apply(h),
        Dense.units(1).withName("score").apply(Dense.units(2).withActivation(ActivationFn.TANH).apply(h))))
        .withSeed(17);
  }
}
