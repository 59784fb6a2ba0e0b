package dev.layerwise.conformance;

import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Layer;
import dev.layerwise.losses.Loss;
import dev.layerwise.losses.SparseCategoricalCrossentropy;
import dev.layerwise.optimizers.Adadelta;
import dev.layerwise.optimizers.Adagrad;
import dev.layerwise.optimizers.Adam;
import dev.layerwise.optimizers.AdamW;
import dev.layerwise.optimizers.Adamax;
import dev.layerwise.optimizers.GradientClipping;
import dev.layerwise.optimizers.Nadam;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.optimizers.RMSprop;
import dev.layerwise.optimizers.Sgd;
import dev.layerwise.optimizers.UpdateFormula;
import dev.layerwise.schedules.ConstantLearningRate;
import dev.layerwise.schedules.CosineDecay;
import dev.layerwise.schedules.CosineDecayRestarts;
import dev.layerwise.schedules.CyclicalLearningRate;
import dev.layerwise.schedules.ExponentialDecay;
import dev.layerwise.schedules.InverseTimeDecay;
import dev.layerwise.schedules.LearningRateSchedule;
import dev.layerwise.schedules.PiecewiseConstantDecay;
import dev.layerwise.schedules.PolynomialDecay;
import java.util.ArrayList;
import java.util.List;

/**
 * Every optimizer, variant, clipping mode and schedule (research/conformance.md §6 rows 14–15): teacher-forced
 * single steps from identical state with zero, tiny (1e-4) and O(1) gradients, cold (step 1, the optimizer's own
 * slot initial values) and warm (step 5, mid-training slots); ten-step free trajectories; and a trajectory per
 * learning-rate schedule, including Keras's and TF's momentum and Keras's Nadam under a decaying rate.
 */
final class OptimizerCases {
  /** Hyperparameters are float32-representable so the float32 graph holds exactly the reference's numbers. */
  private static double f(double v) {
    return (float) v;
  }

  private static final LearningRateSchedule LR = LearningRateSchedule.constant(f(0.05));

  /** One optimizer configuration and how many units of roundoff one of its steps may differ by. */
  private record Variant(String name, Optimizer optimizer, double ulps) {}

  private OptimizerCases() {}

  private static List<Variant> variants() {
    GradientClipping none = GradientClipping.NONE;
    double b1 = f(0.9);
    double b2 = f(0.999);
    double eps = f(1e-7);
    double decay = f(0.01);
    UpdateFormula keras = UpdateFormula.KERAS;
    UpdateFormula tfOp = UpdateFormula.TF_OP;
    Sgd momentum = new Sgd(LR, f(0.9), false, keras, 0, none);
    Adagrad adagrad = new Adagrad(LR, f(0.1), eps, keras, 0, none);
    RMSprop rmsprop = new RMSprop(LR, b1, 0, eps, false, 0, 0, none);
    Adadelta adadelta = new Adadelta(LR, f(0.95), eps, 0, none);
    Adam adam = new Adam(LR, b1, b2, eps, false, 0, none);
    Adamax adamax = new Adamax(LR, b1, b2, eps, 0, none);
    Nadam nadam = new Nadam(LR, b1, b2, eps, keras, 0, none);
    AdamW adamW = new AdamW(LR, decay, b1, b2, eps, false, none);
    return List.of(
        // research/conformance.md §5: ≤ 1.2u measured for the non-Adam rules over 10 steps; Adam ≤ 40u.
        new Variant("sgd", new Sgd(LR, 0, false, keras, 0, none), Tolerances.UPDATE_ULPS_SGD),
        new Variant("sgd_momentum", momentum, Tolerances.UPDATE_ULPS_SGD),
        new Variant("sgd_nesterov", momentum.withNesterov(f(0.9)), Tolerances.UPDATE_ULPS_SGD),
        new Variant("sgd_momentum_tf_op", momentum.withFormula(tfOp), Tolerances.UPDATE_ULPS_SGD),
        new Variant("sgd_nesterov_tf_op", momentum.withNesterov(f(0.9)).withFormula(tfOp), Tolerances.UPDATE_ULPS_SGD),
        new Variant("sgd_momentum_weight_decay", momentum.withWeightDecay(decay), Tolerances.UPDATE_ULPS_SGD),
        new Variant("adagrad", adagrad, Tolerances.UPDATE_ULPS_SGD),
        new Variant("adagrad_acc0.01", adagrad.withInitialAccumulatorValue(f(0.01)), Tolerances.UPDATE_ULPS_SGD),
        new Variant("adagrad_tf_op", adagrad.withFormula(tfOp), Tolerances.UPDATE_ULPS_SGD),
        new Variant("adagrad_weight_decay", adagrad.withWeightDecay(decay), Tolerances.UPDATE_ULPS_SGD),
        new Variant("rmsprop", rmsprop, Tolerances.UPDATE_ULPS_SGD),
        new Variant("rmsprop_momentum", rmsprop.withMomentum(f(0.9)), Tolerances.UPDATE_ULPS_SGD),
        new Variant("rmsprop_centered", rmsprop.withMomentum(f(0.9)).withCentered(true), Tolerances.UPDATE_ULPS_SGD),
        new Variant("rmsprop_tf_java_defaults", rmsprop.withEpsilon(f(1e-10)).withInitialMeanSquare(1),
            Tolerances.UPDATE_ULPS_SGD),
        new Variant("rmsprop_weight_decay", rmsprop.withWeightDecay(decay), Tolerances.UPDATE_ULPS_SGD),
        new Variant("adadelta", adadelta, Tolerances.UPDATE_ULPS_ADADELTA),
        new Variant("adadelta_weight_decay", adadelta.withWeightDecay(decay), Tolerances.UPDATE_ULPS_ADADELTA),
        new Variant("adam", adam, Tolerances.UPDATE_ULPS_ADAM),
        new Variant("adam_amsgrad", adam.withAmsgrad(true), Tolerances.UPDATE_ULPS_ADAM),
        new Variant("adam_amsgrad_weight_decay", adam.withAmsgrad(true).withWeightDecay(decay),
            Tolerances.UPDATE_ULPS_ADAM),
        new Variant("adamax", adamax, Tolerances.UPDATE_ULPS_ADAM),
        new Variant("adamax_weight_decay", adamax.withWeightDecay(decay), Tolerances.UPDATE_ULPS_ADAM),
        new Variant("nadam", nadam, Tolerances.UPDATE_ULPS_ADAM),
        new Variant("nadam_tf_op", nadam.withFormula(tfOp), Tolerances.UPDATE_ULPS_ADAM),
        new Variant("nadam_weight_decay", nadam.withWeightDecay(decay), Tolerances.UPDATE_ULPS_ADAM),
        new Variant("adamw", adamW, Tolerances.UPDATE_ULPS_ADAM),
        new Variant("adamw_amsgrad", adamW.withAmsgrad(true), Tolerances.UPDATE_ULPS_ADAM));
  }

  static List<ConformanceCase> teacherForced() {
    List<ConformanceCase> c = new ArrayList<>();
    for (Variant v : variants()) {
      for (double scale : new double[] {0, 1e-4, 1}) {
        String g = scale == 0 ? "zero" : scale < 1 ? "tiny" : "unit";
        c.add(OptimizerCase.of(v.name() + "_step1_" + g + "_grad", v.optimizer(), LR.at(0), scale, 1, false,
            v.ulps()));
        if (!v.optimizer().slotNames().isEmpty()) {
          c.add(OptimizerCase.of(v.name() + "_step5_warm_" + g + "_grad", v.optimizer(), LR.at(0), scale, 5, true,
              v.ulps()));
        }
      }
    }
    // Clipping: O(1) gradients, thresholds that clip some elements (value) or every tensor (norms).
    double clip = f(0.5);
    Sgd sgd = new Sgd(LR, 0, false, UpdateFormula.KERAS, 0, GradientClipping.NONE);
    c.add(OptimizerCase.of("clip_by_value_sgd", sgd.withClipping(GradientClipping.byValue(clip)), LR.at(0), 1, 1,
        false, Tolerances.UPDATE_ULPS_CLIP));
    c.add(OptimizerCase.of("clip_by_norm_sgd_momentum", sgd.withMomentum(f(0.9)).withClipping(
        GradientClipping.byNorm(clip)), LR.at(0), 1, 5, true, Tolerances.UPDATE_ULPS_CLIP));
    c.add(OptimizerCase.of("clip_by_global_norm_adam", new Adam(LR, f(0.9), f(0.999), f(1e-7), false, 0,
        GradientClipping.byGlobalNorm(clip)), LR.at(0), 1, 5, true, Tolerances.UPDATE_ULPS_ADAM));
    c.add(OptimizerCase.of("clip_by_global_norm_below_threshold", sgd.withClipping(GradientClipping.byGlobalNorm(100)),
        LR.at(0), 1, 1, false, Tolerances.UPDATE_ULPS_SGD));
    return c;
  }

  private static final List<Layer> MLP = List.of(Input.shape(6), Dense.units(8).withActivation(ActivationFn.TANH),
      Dense.units(4));

  private static TrainingCase trajectory(String name, Optimizer optimizer, long seed) {
    return new TrainingCase(name, MLP, new SparseCategoricalCrossentropy(true), optimizer, 8, 10,
        CaseData.classes(4), seed);
  }

  /** Ten free steps for every optimizer variant. */
  static List<ConformanceCase> trajectories() {
    List<ConformanceCase> c = new ArrayList<>();
    long seed = 501;
    for (Variant v : variants()) {
      c.add(trajectory("train_" + v.name(), v.optimizer(), seed++));
    }
    return c;
  }

  /**
   * A trajectory per schedule: the rate changes every step and both backends must follow it. SGD with momentum
   * under a decaying rate shows the momentum semantics (Keras's v keeps each past rate, TF's ApplyMomentum
   * accumulator none).
   */
  static List<ConformanceCase> schedules() {
    double lr = f(0.1);
    List<LearningRateSchedule> schedules = List.of(
        new ConstantLearningRate(lr),
        new InverseTimeDecay(lr, 1, f(0.5), false),
        new ExponentialDecay(lr, 3, f(0.5), false),
        new ExponentialDecay(lr, 3, f(0.5), true),
        new PiecewiseConstantDecay(new long[] {2, 5}, new double[] {lr, f(0.05), f(0.01)}),
        new PolynomialDecay(lr, 8, f(0.01), 2, false),
        new CosineDecay(lr, 6, f(0.1), 3, f(0.2)),
        new CyclicalLearningRate(f(0.01), lr, 2, CyclicalLearningRate.Mode.TRIANGULAR, 1),
        new CyclicalLearningRate(f(0.01), lr, 2, CyclicalLearningRate.Mode.TRIANGULAR2, 1),
        new CyclicalLearningRate(f(0.01), lr, 2, CyclicalLearningRate.Mode.EXP_RANGE, f(0.9)));
    List<String> names = List.of("constant", "inverse_time", "exponential", "exponential_staircase", "piecewise",
        "polynomial", "cosine_warmup", "cyclical_triangular", "cyclical_triangular2", "cyclical_exp_range");
    List<ConformanceCase> c = new ArrayList<>();
    for (int i = 0; i < schedules.size(); i++) {
      LearningRateSchedule s = schedules.get(i);
      Optimizer o = i % 2 == 0 ? new Sgd(s, f(0.9), false, UpdateFormula.KERAS, 0, GradientClipping.NONE)
          : new Adam(s, f(0.9), f(0.999), f(1e-7), false, 0, GradientClipping.NONE);
      c.add(trajectory("schedule_" + names.get(i) + "_" + (i % 2 == 0 ? "momentum" : "adam"), o, 601 + i));
    }
    // SGDR, Keras's warm-up from 0, and the rules whose state depends on how the rate changes: Keras's momentum
    // (v keeps each past rate), TF's ApplyMomentum (a keeps none), and Nadam's momentum schedule under a decay.
    Sgd momentum = new Sgd(LR, f(0.9), false, UpdateFormula.KERAS, 0, GradientClipping.NONE);
    LearningRateSchedule inverseTime = new InverseTimeDecay(lr, 1, f(0.5), false);
    c.add(trajectory("schedule_cosine_restarts_momentum", momentum.withLearningRate(
        new CosineDecayRestarts(lr, 2, 2, f(0.5), f(0.1))), 611));
    c.add(trajectory("schedule_cosine_from_zero_adam", new Adam(new CosineDecay(0, 6, 0, 4, lr), f(0.9), f(0.999),
        f(1e-7), false, 0, GradientClipping.NONE), 612));
    c.add(trajectory("schedule_inverse_time_nesterov", momentum.withNesterov(f(0.9)).withLearningRate(inverseTime),
        613));
    c.add(trajectory("schedule_inverse_time_momentum_tf_op", momentum.withFormula(UpdateFormula.TF_OP)
        .withLearningRate(inverseTime), 614));
    c.add(trajectory("schedule_exponential_nadam", new Nadam(new ExponentialDecay(lr, 3, f(0.5), false), f(0.9),
        f(0.999), f(1e-7), UpdateFormula.KERAS, 0, GradientClipping.NONE), 615));
    return c;
  }

  /** Regression-style trajectory: MSE under every optimizer family would be redundant; one with AdamW. */
  static List<ConformanceCase> regression() {
    return List.of(new TrainingCase("train_regression_adamw_mse", List.of(Input.shape(4),
        Dense.units(6).withActivation(ActivationFn.TANH), Dense.units(2)), Loss.meanSquaredError(),
        new AdamW(LR, f(0.01), f(0.9), f(0.999), f(1e-7), false, GradientClipping.NONE), 8, 10, CaseData.uniform(-1, 1),
        701));
  }
}
