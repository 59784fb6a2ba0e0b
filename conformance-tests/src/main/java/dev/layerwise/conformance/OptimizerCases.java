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
import dev.layerwise.schedules.ConstantLearningRate;
import dev.layerwise.schedules.CosineDecay;
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
 * learning-rate schedule, including momentum under a decaying rate.
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
    return List.of(
        // research/conformance.md §5: ≤ 1.2u measured for the non-Adam rules over 10 steps; Adam ≤ 40u.
        new Variant("sgd", new Sgd(LR, 0, false, none), Tolerances.UPDATE_ULPS_SGD),
        new Variant("sgd_momentum", new Sgd(LR, f(0.9), false, none), Tolerances.UPDATE_ULPS_SGD),
        new Variant("sgd_nesterov", new Sgd(LR, f(0.9), true, none), Tolerances.UPDATE_ULPS_SGD),
        new Variant("adagrad", new Adagrad(LR, f(0.1), eps, none), Tolerances.UPDATE_ULPS_SGD),
        new Variant("adagrad_acc0.01", new Adagrad(LR, f(0.01), eps, none), Tolerances.UPDATE_ULPS_SGD),
        new Variant("rmsprop", new RMSprop(LR, b1, 0, eps, false, 0, none), Tolerances.UPDATE_ULPS_SGD),
        new Variant("rmsprop_momentum", new RMSprop(LR, b1, f(0.9), eps, false, 0, none),
            Tolerances.UPDATE_ULPS_SGD),
        new Variant("rmsprop_centered", new RMSprop(LR, b1, f(0.9), eps, true, 0, none), Tolerances.UPDATE_ULPS_SGD),
        new Variant("rmsprop_tf_java_defaults", new RMSprop(LR, b1, 0, f(1e-10), false, 1, none),
            Tolerances.UPDATE_ULPS_SGD),
        new Variant("adadelta", new Adadelta(LR, f(0.95), eps, none), Tolerances.UPDATE_ULPS_ADADELTA),
        new Variant("adam", new Adam(LR, b1, b2, eps, none), Tolerances.UPDATE_ULPS_ADAM),
        new Variant("adamax", new Adamax(LR, b1, b2, eps, none), Tolerances.UPDATE_ULPS_ADAM),
        new Variant("nadam", new Nadam(LR, b1, b2, eps, none), Tolerances.UPDATE_ULPS_ADAM),
        new Variant("adamw", new AdamW(LR, f(0.01), b1, b2, eps, none), Tolerances.UPDATE_ULPS_ADAM));
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
    c.add(OptimizerCase.of("clip_by_value_sgd", new Sgd(LR, 0, false, GradientClipping.byValue(clip)), LR.at(0), 1, 1,
        false, Tolerances.UPDATE_ULPS_CLIP));
    c.add(OptimizerCase.of("clip_by_norm_sgd_momentum", new Sgd(LR, f(0.9), false, GradientClipping.byNorm(clip)),
        LR.at(0), 1, 5, true, Tolerances.UPDATE_ULPS_CLIP));
    c.add(OptimizerCase.of("clip_by_global_norm_adam", new Adam(LR, f(0.9), f(0.999), f(1e-7),
        GradientClipping.byGlobalNorm(clip)), LR.at(0), 1, 5, true, Tolerances.UPDATE_ULPS_ADAM));
    c.add(OptimizerCase.of("clip_by_global_norm_below_threshold", new Sgd(LR, 0, false,
        GradientClipping.byGlobalNorm(100)), LR.at(0), 1, 1, false, Tolerances.UPDATE_ULPS_SGD));
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
   * under a decaying rate shows the momentum semantics (TF's ApplyMomentum: the accumulator holds no rate).
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
      Optimizer o = i % 2 == 0 ? new Sgd(s, f(0.9), false, GradientClipping.NONE)
          : new Adam(s, f(0.9), f(0.999), f(1e-7), GradientClipping.NONE);
      c.add(trajectory("schedule_" + names.get(i) + "_" + (i % 2 == 0 ? "momentum" : "adam"), o, 601 + i));
    }
    return c;
  }

  /** Regression-style trajectory: MSE under every optimizer family would be redundant; one with AdamW. */
  static List<ConformanceCase> regression() {
    return List.of(new TrainingCase("train_regression_adamw_mse", List.of(Input.shape(4),
        Dense.units(6).withActivation(ActivationFn.TANH), Dense.units(2)), Loss.meanSquaredError(),
        new AdamW(LR, f(0.01), f(0.9), f(0.999), f(1e-7), GradientClipping.NONE), 8, 10, CaseData.uniform(-1, 1),
        701));
  }
}
