package dev.layerwise.conformance;

import dev.layerwise.DType;
import dev.layerwise.Model;
import dev.layerwise.TrainingConfig;
import dev.layerwise.conformance.functional.GraphModels;
import dev.layerwise.layers.Activation;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Add;
import dev.layerwise.layers.Average;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Concatenate;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.GlobalAveragePooling2D;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Maximum;
import dev.layerwise.layers.MergeLayer;
import dev.layerwise.layers.Minimum;
import dev.layerwise.layers.Multiply;
import dev.layerwise.layers.Normalization;
import dev.layerwise.layers.Padding;
import dev.layerwise.layers.Subtract;
import dev.layerwise.layers.SymbolicTensor;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cases of graph models (issue 13): every merge layer, a shared layer, a fan-out, a residual block, two inputs,
 * and two outputs under weighted losses. Most models come from {@link GraphModels}, the ones the functional tests
 * train; the others keep their kinks out of reach of finite differences: Maximum and Minimum take the model's
 * inputs directly, whose gaps a validator keeps ≥ 100 input steps, and the fan-out and the residual block use tanh.
 * Exact ties of Maximum and Minimum are a convention case: the gradient goes to the first input holding the extreme
 * value, on both backends ({@code ExtremumEquations}; TF's gradient of Maximum(a, b) passes dy to a where a ≥ b).
 */
final class GraphCases {
  private static final int BATCH = 4;
  /** Ties of max/min stay this far from every input: 100 input FD steps. */
  private static final double KINK = Tolerances.KINK_MARGIN_STEPS * FiniteDifference.Step.FLOAT32_INPUT.relative();

  private GraphCases() {}

  /** Output, ∂L/∂x of every input and every weight gradient through a merge, in X32, X64 and FD64. */
  static List<ConformanceCase> merges() {
    CaseData.Generator unit = CaseData.uniform(-1, 1);
    return List.of(
        LayerCase.of(spec("merge_add", GraphModels.merge(Add.create())), BATCH, unit),
        LayerCase.of(spec("merge_add_of_three", GraphModels.merge3(Add.create())), BATCH, unit),
        // Two branches with different weights: swapped operands flip the output's sign and trade dx(a) for dx(b).
        LayerCase.of(spec("merge_subtract", GraphModels.merge(Subtract.create())), BATCH, unit),
        LayerCase.of(spec("merge_multiply", GraphModels.merge(Multiply.create())), BATCH, unit),
        LayerCase.of(spec("merge_average_of_three", GraphModels.merge3(Average.create())), BATCH, unit),
        LayerCase.of(spec("merge_maximum", extremum(Maximum.create(), 2)), BATCH, unit)
            .withValidator(Margins.extremumGap(KINK)),
        LayerCase.of(spec("merge_minimum_of_three", extremum(Minimum.create(), 3)), BATCH, CaseData.uniform(-2, 2))
            .withValidator(Margins.extremumGap(KINK)),
        LayerCase.of(spec("merge_concatenate_last_axis", GraphModels.merge(Concatenate.create())), BATCH, unit),
        LayerCase.of(spec("merge_concatenate_axis0_of_conv_maps", GraphModels.concatenateImages()), 2, unit),
        LayerCase.of(spec("merge_concatenate_middle_axis", concatenateMiddleAxis()), 2, unit));
  }

  /** Exact ties of Maximum and Minimum: both backends send the gradient to the first input holding the value. */
  static List<ConformanceCase> mergeConventions() {
    CaseData.Generator ties = CaseData.fromSet(-1f, 0f, 1f);
    return List.of(
        LayerCase.of(spec("merge_maximum_ties", extremum(Maximum.create(), 2)), BATCH, ties).asConvention(),
        LayerCase.of(spec("merge_minimum_of_three_ties", extremum(Minimum.create(), 3)), BATCH, ties)
            .asConvention());
  }

  /** Sharing, fan-out, a residual block, two inputs and two outputs, under cotangents, a loss and training. */
  static List<ConformanceCase> structures() {
    CaseData.Generator unit = CaseData.uniform(-1, 1);
    ModelSpec twoByTwo = spec("two_inputs_two_outputs", GraphModels.twoByTwo());
    List<CaseData.Generator> twoByTwoLabels = List.of(CaseData.classes(3), unit);
    List<ConformanceCase> c = new ArrayList<>();
    c.add(LayerCase.of(spec("shared_layer", GraphModels.shared()), BATCH, unit));
    c.add(LayerCase.of(spec("shared_normalization", sharedNormalization()), BATCH, unit));
    c.add(LayerCase.of(spec("fan_out_with_dropout", GraphModels.fanOut(ActivationFn.TANH)), BATCH, unit));
    c.add(LayerCase.of(spec("residual_block_conv_bn", residualBlock()), 2, unit)
        .withX32(Tolerances.X32_BATCHNORM, Tolerances.X32_BATCHNORM));
    c.add(LayerCase.of(twoByTwo, BATCH, unit));
    c.add(ObjectiveCase.of(twoByTwo.withName("two_outputs_loss_weights"), weighted(Optimizer.sgd(0.1)), BATCH,
        twoByTwoLabels, 501));
    double lr = (double) 0.05f;
    c.add(new TrainingCase("train_two_outputs_loss_weights_adam", twoByTwo, weighted(Optimizer.adam(lr)
        .withBeta1((double) 0.9f).withBeta2((double) 0.999f).withEpsilon((double) 1e-7f)), 8, 5, twoByTwoLabels,
        502));
    c.add(new TrainingCase("train_shared_fan_out_sgd_momentum", spec("shared_fan_out", sharedFanOut()),
        TrainingConfig.of(Optimizer.sgd(lr).withMomentum((double) 0.9f), Loss.meanSquaredError()), 8, 5,
        List.of(unit), 503));
    return c;
  }

  private static ModelSpec spec(String name, Model model) {
    return model.withName(name).spec();
  }

  /**
   * Output {@code class} under sparse cross-entropy on logits, weighted 2, and {@code score} under MSE, weighted 0.3:
   * weights other than 1 on both, so a loss weight dropped or applied to the wrong output shows.
   */
  private static TrainingConfig weighted(Optimizer optimizer) {
    return TrainingConfig.of(optimizer, Map.of("class", Loss.sparseCategoricalCrossentropy().withFromLogits(true),
        "score", Loss.meanSquaredError())).withLossWeight("class", 2).withLossWeight("score", 0.3)
        .withDType(DType.FLOAT64);
  }

  /** n inputs [3] straight into the merge, then Dense(2): the merge's ties are the inputs' own. */
  private static Model extremum(MergeLayer merge, int n) {
    List<SymbolicTensor> inputs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      inputs.add(Input.shape(3).withName(String.valueOf((char) ('a' + i))).tensor());
    }
    return Model.of(inputs, List.of(Dense.units(2).apply(merge.apply(inputs.toArray(SymbolicTensor[]::new)))));
  }

  /**
   * [2, 3, 2] through Dense(2, tanh) and a raw [2, 1, 2] joined along axis −2 (the middle one: blocks of 2 values,
   * 2 blocks per sample), then flattened into Dense(3).
   */
  private static Model concatenateMiddleAxis() {
    SymbolicTensor a = Input.shape(2, 3, 2).withName("a").tensor();
    SymbolicTensor b = Input.shape(2, 1, 2).withName("b").tensor();
    SymbolicTensor c = Concatenate.axis(-2).apply(Dense.units(2).withActivation(ActivationFn.TANH).apply(a), b);
    return Model.of(List.of(a, b), List.of(Dense.units(3).apply(Flatten.create().apply(c))));
  }

  /** conv(tanh) → (conv → batch norm → tanh → conv) + skip → tanh → global average → Dense(3). */
  private static Model residualBlock() {
    SymbolicTensor image = Input.shape(4, 4, 2).withName("image").tensor();
    SymbolicTensor x = Conv2D.of(3, 3).withPadding(Padding.SAME).withActivation(ActivationFn.TANH).apply(image);
    SymbolicTensor y = Conv2D.of(3, 3).withPadding(Padding.SAME).withUseBias(false).apply(x);
    y = BatchNormalization.create().apply(y);
    y = Conv2D.of(3, 3).withPadding(Padding.SAME).apply(Activation.of(ActivationFn.TANH).apply(y));
    SymbolicTensor r = Activation.of(ActivationFn.TANH).apply(Add.create().apply(x, y));
    return Model.of(image, Dense.units(3).apply(GlobalAveragePooling2D.create().apply(r)));
  }

  /** One Normalization (non-trainable statistics) applied to two inputs, joined, then a Dense. */
  private static Model sharedNormalization() {
    Normalization norm = Normalization.of(new double[3], new double[3]).withName("norm");
    SymbolicTensor a = Input.shape(3).withName("a").tensor();
    SymbolicTensor b = Input.shape(3).withName("b").tensor();
    return Model.of(List.of(a, b), List.of(Dense.units(2).apply(Subtract.create().apply(norm.apply(a),
        norm.apply(b))))).withSeed(15);
  }

  /** A shared tanh layer applied twice in a row to one hidden tensor, which also skips to the join: fan-out twice. */
  private static Model sharedFanOut() {
    Dense shared = Dense.units(4).withActivation(ActivationFn.TANH).withName("shared");
    SymbolicTensor x = Input.shape(4).tensor();
    SymbolicTensor h = Dense.units(4).withActivation(ActivationFn.TANH).apply(x);
    SymbolicTensor twice = shared.apply(shared.apply(h));
    return Model.of(x, Dense.units(2).apply(Concatenate.create().apply(h, twice)));
  }
}
