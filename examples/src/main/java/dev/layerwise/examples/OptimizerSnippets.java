package dev.layerwise.examples;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.TrainingDivergedException;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.Initializer;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
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
import dev.layerwise.schedules.CyclicalLearningRate;
import dev.layerwise.schedules.LearningRateSchedule;
import java.nio.file.Path;
import java.util.List;

/**
 * The code samples of the guide page {@code docs/optimizers.md}, verbatim between {@code // region NAME} and {@code //
 * endregion NAME}. {@code DocSnippetsTest} checks that each {@code java} block of the page shows exactly these lines;
 * {@code OptimizerSnippetsTest} builds or runs each sample as the page describes it.
 */
public final class OptimizerSnippets {
  private OptimizerSnippets() {}

  /** An optimizer is the second argument of compile. */
  public static CompiledModel compileWithOptimizer(Sequential model, Backend backend) {
    // region compile-optimizer
    CompiledModel m = model.compile(backend,
        Optimizer.sgd(0.01).withMomentum(0.9),                        // the update rule and its learning rate
        Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY);
    // endregion compile-optimizer
    return m;
  }

  /** Gradient descent, with momentum, with Nesterov momentum, and TF's momentum form. */
  public static List<Sgd> sgdVariants() {
    // region sgd-variants
    Sgd plain = Optimizer.sgd(0.1);                          // w ← w − η·g
    Sgd momentum = Optimizer.sgd(0.01).withMomentum(0.9);    // v ← μ·v − η·g;  w ← w + v
    Sgd nesterov = Optimizer.sgd(0.01).withNesterov(0.9);    // v ← μ·v − η·g;  w ← w + μ·v − η·g
    Sgd applyMomentum = Optimizer.sgd(0.01).withMomentum(0.9)
        .withFormula(UpdateFormula.TF_OP);                   // TF's form: a ← μ·a + g;  w ← w − η·a
    // endregion sgd-variants
    return List.of(plain, momentum, nesterov, applyMomentum);
  }

  /** A decoupled weight decay on any optimizer, and AMSGrad. */
  public static List<Optimizer> weightDecayAndAmsgrad() {
    // region weight-decay
    Sgd sgdW = Optimizer.sgd(0.01).withMomentum(0.9)
        .withWeightDecay(5e-4);                              // w ← w − w·λ·η, then the momentum step
    AdamW adamW = Optimizer.adamW(1e-3, 0.004);              // Adam with Keras's default λ = 0.004
    Adam amsgrad = Optimizer.adam(1e-3).withAmsgrad(true);   // divide by the largest v seen so far
    // endregion weight-decay
    return List.of(sgdW, adamW, amsgrad);
  }

  /** Per-weight adaptive rates. */
  public static List<Optimizer> adaptiveRates() {
    // region adaptive-rates
    Adagrad adagrad = Optimizer.adagrad(0.01);                  // a₀ 0.1, ε 1e-7
    RMSprop rmsprop = Optimizer.rmsprop(0.001);                 // ρ 0.9, mean square from 0, ε 1e-7
    RMSprop centered = Optimizer.rmsprop(0.001)
        .withCentered(true).withMomentum(0.9);                  // divide by the gradient's variance
    Adadelta adadelta = Optimizer.adadelta(1.0);                // η = 1, as in the paper; ρ 0.95
    // endregion adaptive-rates
    return List.of(adagrad, rmsprop, centered, adadelta);
  }

  /** TF Java's own Adagrad and RMSProp start their slots elsewhere: set them to match a TF Java model. */
  public static List<Optimizer> tfJavaSettings() {
    // region tf-java-settings
    Adagrad tfJavaAdagrad = Optimizer.adagrad(0.001)
        .withInitialAccumulatorValue(0.01);                     // TF Java's AdaGrad: a₀ 0.01
    RMSprop tfJavaRmsprop = Optimizer.rmsprop(0.001)
        .withInitialMeanSquare(1.0).withEpsilon(1e-10);         // TF Java's RMSProp: ms₀ 1, ε 1e-10
    // endregion tf-java-settings
    return List.of(tfJavaAdagrad, tfJavaRmsprop);
  }

  /** Adam and its relatives. */
  public static List<Optimizer> adamFamily() {
    // region adam-family
    Adam adam = Optimizer.adam(1e-3);                           // β₁ 0.9, β₂ 0.999, ε 1e-7
    Adamax adamax = Optimizer.adamax(2e-3);                     // the infinity-norm variant
    Nadam nadam = Optimizer.nadam(1e-3);                        // Nesterov look-ahead, Dozat's momentum schedule
    AdamW adamW = Optimizer.adamW(1e-3, 0.004);                 // decoupled weight decay λ = 0.004
    Adam likePyTorch = Optimizer.adam(1e-3).withEpsilon(1e-8);  // PyTorch's ε (though not its placement)
    // endregion adam-family
    return List.of(adam, adamax, nadam, adamW, likePyTorch);
  }

  /** The three kinds of gradient clipping. */
  public static List<Optimizer> clipping() {
    // region clipping
    Optimizer byValue = Optimizer.sgd(0.01)
        .withClipping(GradientClipping.byValue(0.5));           // every element into [−0.5, 0.5]
    Optimizer byNorm = Optimizer.adam(1e-3)
        .withClipping(GradientClipping.byNorm(1.0));            // each tensor's ‖g‖₂ at most 1
    Optimizer byGlobalNorm = Optimizer.adam(1e-3)
        .withClipping(GradientClipping.byGlobalNorm(1.0));      // all tensors together, direction kept
    // endregion clipping
    return List.of(byValue, byNorm, byGlobalNorm);
  }

  /** One of each schedule. */
  public static List<LearningRateSchedule> schedules() {
    // region schedules
    LearningRateSchedule notes = LearningRateSchedule.inverseTimeDecay(0.1, 0.001);  // 0.1 / (1 + 0.001·s)
    LearningRateSchedule stepDecay = LearningRateSchedule.piecewiseConstant(
        new long[] {1875, 3750}, new double[] {0.1, 0.01, 0.001});                   // ÷10 after epochs 1 and 2
    LearningRateSchedule halving = LearningRateSchedule.exponentialDecay(0.1, 1875, 0.5)
        .withStaircase(true);                                                       // halve once per epoch
    LearningRateSchedule linear = LearningRateSchedule.polynomialDecay(0.1, 10_000, 1e-4, 1);
    LearningRateSchedule cosine = LearningRateSchedule.cosineDecay(1e-3, 10_000)
        .withWarmup(500, 3e-3);                                                     // up to 3e-3, then down
    LearningRateSchedule fromZero = LearningRateSchedule.cosineDecay(0, 10_000)
        .withWarmup(500, 3e-3);                                                     // Keras's idiom: 0 up to 3e-3
    LearningRateSchedule restarts = LearningRateSchedule.cosineDecayRestarts(0.05, 1000);  // SGDR: 1000, 2000, …
    LearningRateSchedule cyclical = LearningRateSchedule.cyclical(1e-4, 1e-2, 2000)
        .withMode(CyclicalLearningRate.Mode.TRIANGULAR2);                           // amplitude halves per cycle
    Optimizer optimizer = Optimizer.sgd(cosine).withMomentum(0.9);                 // any optimizer takes one
    // endregion schedules
    return List.of(notes, stepDecay, halving, linear, cosine, fromZero, restarts, cyclical,
        optimizer.learningRate());
  }

  /** The rate of every update, and of each epoch's last one, as fit reports them. */
  public static History scheduleHistory(Sequential model, Backend backend, Dataset train) {
    History history;
    // region schedule-history
    LearningRateSchedule schedule = LearningRateSchedule.exponentialDecay(0.1, 1, 0.5);   // 0.1 · 0.5^s
    try (CompiledModel m = model.compile(backend, Optimizer.sgd(schedule), Loss.meanSquaredError())) {
      history = m.fit(train, FitOptions.builder().epochs(2).batchSize(4).quiet().build());
    }
    double[] perUpdate = history.learningRates();        // update t used at(t − 1): 0.1, 0.05, 0.025, …
    double[] perEpoch = history.get("learning_rate");    // the rate of each epoch's last update
    // endregion schedule-history
    return history;
  }

  /**
   * Momentum when the rate changes: Keras's velocity keeps the rate it was built with, TF's ApplyMomentum rescales
   * the whole velocity by the new one. Returns w after two updates, Keras's form then TF's.
   */
  public static double[] momentumUnderASchedule(Backend backend) {
    double[] w = new double[2];
    // region momentum-schedule
    // One weight, one sample x = 1 with target 1: L = (w − 1)², g = 2(w − 1), w from 0.
    Sequential model = Sequential.of(Input.shape(1),
        Dense.units(1).withUseBias(false).withKernelInitializer(Initializer.zeros()));
    Dataset one = Dataset.of(new float[] {1}, Shape.of(1), new float[] {1}, Shape.of(1));
    LearningRateSchedule drop = LearningRateSchedule.piecewiseConstant(new long[] {0},
        new double[] {0.1, 0.01});                                   // update 1: η 0.1, then 0.01
    List<Sgd> forms = List.of(Optimizer.sgd(drop).withMomentum(0.9),  // Keras's form, the default
        Optimizer.sgd(drop).withMomentum(0.9).withFormula(UpdateFormula.TF_OP));   // TF's ApplyMomentum
    for (int i = 0; i < 2; i++) {
      try (CompiledModel m = model.compile(backend, forms.get(i), Loss.meanSquaredError())) {
        m.fit(one, FitOptions.builder().epochs(2).batchSize(1).quiet().build());
        w[i] = m.weight("dense/kernel").getDouble(0, 0);
      }
    }
    // update 1, both forms: g = −2, w = 0.2 (Keras's v = −η·g = 0.2; TF's a = g = −2)
    // update 2, g = −1.6: Keras v = 0.9·0.2 − 0.01·(−1.6) = 0.196,  w = 0.2 + 0.196 = 0.396
    //                     TF    a = 0.9·(−2) − 1.6 = −3.4,          w = 0.2 − 0.01·(−3.4) = 0.234
    // endregion momentum-schedule
    return w;
  }

  /** What a run whose rate is far too high gets: the refused update, the model as before it, the history so far. */
  public static History divergedRun(Sequential model, Backend backend, Dataset train, Path keep) {
    History history;
    // region diverged
    CompiledModel m = model.compile(backend, Optimizer.sgd(1e4), Loss.meanSquaredError());   // far too high
    try {
      history = m.fit(train, FitOptions.builder().epochs(20).batchSize(8).quiet().build());
    } catch (TrainingDivergedException e) {
      System.out.println(e.getMessage());   // the refused update: its epoch, batch, rate, what went non-finite
      m.save(keep);                         // the model as it was before that update, finite: save accepts it
      history = e.history();                // the epochs completed before the stop
    }
    // endregion diverged
    m.close();
    return history;
  }
}
