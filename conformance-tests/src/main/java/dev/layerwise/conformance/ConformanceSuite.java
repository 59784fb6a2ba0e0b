package dev.layerwise.conformance;

import dev.layerwise.Shape;
import dev.layerwise.layers.Activation;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Layer;
import dev.layerwise.losses.BinaryCrossentropy;
import dev.layerwise.losses.CategoricalCrossentropy;
import dev.layerwise.losses.Loss;
import dev.layerwise.losses.SparseCategoricalCrossentropy;
import dev.layerwise.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The catalogue of cases (research/conformance.md §6). Data ranges keep every kink at least
 * {@link Tolerances#KINK_MARGIN_STEPS} finite-difference steps away and every probability inside the clip range,
 * so the finite-difference checks test the maths, not the conventions at kinks.
 */
public final class ConformanceSuite {
  private static final int BATCH = 4;
  /** Per-sample loss weights of the weighted loss cases: 0 leaves a sample out, 3 triples it. */
  private static final CaseData.Generator SAMPLE_WEIGHTS = CaseData.uniform(0, 3);

  private ConformanceSuite() {}

  public static List<ConformanceCase> cases() {
    List<ConformanceCase> c = new ArrayList<>();
    c.addAll(layerCases());
    c.addAll(CatalogueCases.activations());
    c.addAll(CatalogueCases.normalizationAndDropout());
    c.addAll(CatalogueCases.convolution());
    c.addAll(PreprocessingCases.cases());
    c.addAll(AugmentationCases.cases());
    c.addAll(WarpCases.cases());
    c.addAll(GraphCases.merges());
    c.addAll(CatalogueCases.conventions());
    c.addAll(GraphCases.mergeConventions());
    c.addAll(lossCases());
    c.addAll(kinkedLossCases());
    c.addAll(CatalogueCases.regularization());
    c.addAll(OptimizerCases.teacherForced());
    c.addAll(trainingCases());
    c.addAll(OptimizerCases.trajectories());
    c.addAll(OptimizerCases.schedules());
    c.addAll(OptimizerCases.regression());
    c.addAll(CatalogueCases.training());
    c.addAll(GraphCases.structures());
    return List.copyOf(c);
  }

  /** Checks every case in every one of its modes and adds the rows to {@code report}; returns it. */
  public static ConformanceReport run(Engines engines, ConformanceReport report) {
    return run(engines, report, EnumSet.allOf(Mode.class));
  }

  /** Checks every case in each of its modes that is in {@code modes}; a case that throws adds an ERROR row. */
  public static ConformanceReport run(Engines engines, ConformanceReport report, Set<Mode> modes) {
    for (ConformanceRun run : ConformanceRun.all(modes)) {
      report.addAll(run.check(engines));
    }
    return report;
  }

  static List<ConformanceCase> layerCases() {
    CaseData.Generator unit = CaseData.uniform(-1, 1);
    CaseData.Generator wide = CaseData.uniform(-3, 3);
    double kinkMargin = Tolerances.KINK_MARGIN_STEPS * FiniteDifference.Step.FLOAT32_INPUT.relative();
    return List.of(
        LayerCase.of("dense", BATCH, unit, Input.shape(5), Dense.units(3)),
        LayerCase.of("dense_no_bias", BATCH, unit, Input.shape(5), Dense.units(3).withUseBias(false)),
        LayerCase.of("dense_rank3_input", BATCH, unit, Input.shape(2, 5), Dense.units(3)),
        // A square kernel: the only shape where dx = dy·W (a transposition bug) fits and still runs.
        LayerCase.of("dense_square", BATCH, unit, Input.shape(4), Dense.units(4)),
        LayerCase.of("activation_linear", BATCH, wide, Input.shape(6), Activation.of(ActivationFn.LINEAR)),
        LayerCase.of("activation_relu", BATCH, CaseData.awayFromZero(kinkMargin, 2), Input.shape(6),
            Activation.of(ActivationFn.RELU)),
        LayerCase.of("activation_sigmoid", BATCH, wide, Input.shape(6), Activation.of(ActivationFn.SIGMOID)),
        LayerCase.of("activation_tanh", BATCH, wide, Input.shape(6), Activation.of(ActivationFn.TANH)),
        LayerCase.of("activation_softmax", BATCH, wide, Input.shape(6), Activation.of(ActivationFn.SOFTMAX)),
        LayerCase.of("activation_softmax_rank3", BATCH, wide, Input.shape(2, 4), Activation.of(ActivationFn.SOFTMAX)),
        // Asymmetric weights after a flatten catch any disagreement on the order of flattened elements.
        LayerCase.of("flatten_then_dense", BATCH, unit, Input.shape(2, 3, 2), Flatten.create(), Dense.units(3)),
        LayerCase.of("mlp_tanh_softmax", BATCH, unit, Input.shape(5),
            Dense.units(6).withActivation(ActivationFn.TANH), Dense.units(4).withActivation(ActivationFn.SIGMOID),
            Dense.units(3).withActivation(ActivationFn.SOFTMAX)));
  }

  static List<ConformanceCase> lossCases() {
    Shape three = Shape.of(3);
    Shape five = Shape.of(5);
    CaseData.Generator logits = CaseData.uniform(-3, 3);
    // Probabilities stay inside [ε, 1 − ε] by a wide margin; categorical ones are left unnormalised on purpose
    // so the renormalisation term of the gradient is exercised.
    CaseData.Generator probs = CaseData.uniform(0.02, 0.98);
    CaseData.Generator unnormalised = CaseData.uniform(0.05, 1);
    return List.of(
        LossCase.of("mse", Loss.meanSquaredError(), three, BATCH, CaseData.uniform(-2, 2), CaseData.uniform(-2, 2)),
        LossCase.of("bce_probabilities", Loss.binaryCrossentropy(), three, BATCH, probs, CaseData.uniform(0, 1)),
        LossCase.of("bce_logits", new BinaryCrossentropy(true), three, BATCH, logits, CaseData.uniform(0, 1)),
        LossCase.of("cce_probabilities", Loss.categoricalCrossentropy(), five, BATCH, unnormalised,
            CaseData.distributions(5)),
        LossCase.of("cce_logits_onehot", new CategoricalCrossentropy(true), five, BATCH, logits,
            CaseData.oneHot(5)),
        LossCase.of("cce_logits_soft", new CategoricalCrossentropy(true), five, BATCH, logits,
            CaseData.distributions(5)),
        LossCase.of("scce_probabilities", Loss.sparseCategoricalCrossentropy(), five, BATCH, unnormalised,
            CaseData.classes(5)),
        LossCase.of("scce_logits", new SparseCategoricalCrossentropy(true), five, BATCH, logits,
            CaseData.classes(5)),
        // Keras 3's sum_over_batch_size: Σ wₙ ℓₙ / N, weights from 0 (a sample left out) to 3
        LossCase.of("mse_weighted", Loss.meanSquaredError(), three, BATCH, CaseData.uniform(-2, 2),
            CaseData.uniform(-2, 2)).withSampleWeights(SAMPLE_WEIGHTS),
        LossCase.of("bce_probabilities_weighted", Loss.binaryCrossentropy(), three, BATCH, probs,
            CaseData.uniform(0, 1)).withSampleWeights(SAMPLE_WEIGHTS),
        LossCase.of("bce_logits_weighted", new BinaryCrossentropy(true), three, BATCH, logits,
            CaseData.uniform(0, 1)).withSampleWeights(SAMPLE_WEIGHTS),
        LossCase.of("cce_probabilities_weighted", Loss.categoricalCrossentropy(), five, BATCH, unnormalised,
            CaseData.distributions(5)).withSampleWeights(SAMPLE_WEIGHTS),
        LossCase.of("cce_logits_weighted", new CategoricalCrossentropy(true), five, BATCH, logits,
            CaseData.oneHot(5)).withSampleWeights(SAMPLE_WEIGHTS),
        LossCase.of("scce_logits_weighted", new SparseCategoricalCrossentropy(true), five, BATCH, logits,
            CaseData.classes(5)).withSampleWeights(SAMPLE_WEIGHTS),
        // Conventions at the clip bounds: p = 0, 1e-8 (clipped: no gradient), 1e-7 (exactly at the float32 bound:
        // the gradient passes), 1 (clipped at 1 − ε).
        LossCase.of("bce_probabilities_clip_edges", Loss.binaryCrossentropy(), three, BATCH,
            CaseData.fromSet(0f, 1e-8f, 1e-7f, 0.5f, 1f), CaseData.fromSet(0f, 1f)).asConvention(),
        LossCase.of("scce_probabilities_with_zeros", Loss.sparseCategoricalCrossentropy(), five, BATCH,
            CaseData.fromSet(0f, 0.25f, 1f), CaseData.classes(5)).asConvention());
  }

  /**
   * Huber, mean absolute error, KL divergence and categorical hinge. Their kinks depend on the labels too
   * (|p − y| = δ, p = y, the hinge's margin and its max), so draws are validated to keep them
   * {@link Tolerances#KINK_MARGIN_STEPS} input steps away; KL's predictions stay inside its clip range [ε, 1] by
   * as much. The conventions at the exact kinks are cases of their own.
   */
  static List<ConformanceCase> kinkedLossCases() {
    double kink = Tolerances.KINK_MARGIN_STEPS * FiniteDifference.Step.FLOAT32_INPUT.relative();
    Shape three = Shape.of(3);
    Shape five = Shape.of(5);
    CaseData.Generator values = CaseData.uniform(-2, 2);
    CaseData.Generator inClipRange = CaseData.uniform(kink, 1 - kink);
    return List.of(
        LossCase.of("mae", Loss.meanAbsoluteError(), three, BATCH, values, values)
            .withValidator(Margins.errorsAwayFrom(0, kink)),
        LossCase.of("mae_rank2", Loss.meanAbsoluteError(), Shape.of(2, 3), BATCH, values, values)
            .withValidator(Margins.errorsAwayFrom(0, kink)),
        LossCase.of("huber_delta1", Loss.huber(), three, BATCH, values, values)
            .withValidator(Margins.errorsAwayFrom(1, kink)),
        // δ = 0.5 puts more errors on the linear piece
        LossCase.of("huber_delta0.5", Loss.huber().withDelta(0.5), five, BATCH, values, values)
            .withValidator(Margins.errorsAwayFrom(0.5, kink)),
        // Predictions are not renormalised (KL reads them as given), so, as in Keras's own test, the value may be
        // negative: the formula is what is checked, not the divergence of two distributions.
        LossCase.of("kld_distributions", Loss.klDivergence(), five, BATCH, inClipRange, CaseData.distributions(5)),
        // one-hot targets: the zeros are clipped to ε and still contribute ε·log(ε/p)
        LossCase.of("kld_onehot", Loss.klDivergence(), five, BATCH, inClipRange, CaseData.oneHot(5)),
        LossCase.of("kld_rank2", Loss.klDivergence(), Shape.of(2, 3), BATCH, inClipRange, CaseData.distributions(3)),
        LossCase.of("categorical_hinge", Loss.categoricalHinge(), five, BATCH, CaseData.uniform(-3, 3),
            CaseData.oneHot(5)).withValidator(Margins.hingeMargins(5, kink)),
        LossCase.of("categorical_hinge_rank2", Loss.categoricalHinge(), Shape.of(2, 4), BATCH,
            CaseData.uniform(-2, 2), CaseData.oneHot(4)).withValidator(Margins.hingeMargins(4, kink)),
        // Conventions: |e| = δ (both pieces meet with the same slope), e = 0 (sign(0) = 0), the hinge at m = 0 and
        // at tied maxima (the max's subgradient shared), KL at and beyond its clip bounds.
        LossCase.of("huber_at_delta", Loss.huber(), five, BATCH, CaseData.fromSet(-1f, 0f, 1f, 2f),
            CaseData.fromSet(0f, 1f)).asConvention(),
        LossCase.of("mae_at_zero", Loss.meanAbsoluteError(), five, BATCH, CaseData.fromSet(-1f, 0f, 1f),
            CaseData.fromSet(0f, 1f)).asConvention(),
        LossCase.of("categorical_hinge_at_margin_and_ties", Loss.categoricalHinge(), three, 8,
            CaseData.fromSet(0f, 1f, 2f), CaseData.oneHot(3)).asConvention(),
        LossCase.of("kld_clip_edges", Loss.klDivergence(), five, BATCH,
            CaseData.fromSet(0f, 1e-8f, 1e-7f, 0.5f, 1f, 1.5f), CaseData.fromSet(0f, 0.5f, 1f)).asConvention());
  }

  static List<ConformanceCase> trainingCases() {
    List<Layer> mlp = List.of(Input.shape(6), Dense.units(8).withActivation(ActivationFn.RELU), Dense.units(4));
    List<Layer> regression = List.of(Input.shape(4), Dense.units(6).withActivation(ActivationFn.TANH),
        Dense.units(2));
    double lr = (double) 0.05f;
    return List.of(
        new TrainingCase("train_mlp_sgd_scce", mlp, new SparseCategoricalCrossentropy(true), Optimizer.sgd(lr), 8, 10,
            CaseData.classes(4), 101),
        new TrainingCase("train_mlp_adam_scce", mlp, new SparseCategoricalCrossentropy(true),
            Optimizer.adam(lr).withBeta1((double) 0.9f).withBeta2((double) 0.999f).withEpsilon((double) 1e-7f), 8,
            10, CaseData.classes(4), 102),
        // class weights as fit's classWeight makes them: one weight per sample from its class, one class unmapped
        new TrainingCase("train_mlp_sgd_scce_class_weights", mlp, new SparseCategoricalCrossentropy(true),
            Optimizer.sgd(lr), 8, 10, CaseData.classes(4), 105).withClassWeight(Map.of(0, 0.25, 1, 2.0, 3, 0.0)),
        new TrainingCase("train_regression_adam_mse", regression, Loss.meanSquaredError(),
            Optimizer.adam(lr).withBeta1((double) 0.9f).withBeta2((double) 0.999f).withEpsilon((double) 1e-7f), 8,
            10, CaseData.uniform(-1, 1), 103),
        // labels far from the initial outputs, so both Huber pieces are used during the trajectory
        new TrainingCase("train_regression_sgd_huber", regression, Loss.huber().withDelta(0.5), Optimizer.sgd(lr), 8,
            10, CaseData.uniform(-2, 2), 104));
  }
}
