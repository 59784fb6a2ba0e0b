package dev.layerwise.examples;

import dev.layerwise.Backend;
import dev.layerwise.BatchLogs;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitCallback;
import dev.layerwise.FitContext;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.callbacks.CSVLogger;
import dev.layerwise.callbacks.EarlyStopping;
import dev.layerwise.callbacks.LambdaCallback;
import dev.layerwise.callbacks.LearningRateScheduler;
import dev.layerwise.callbacks.ReduceLROnPlateau;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The code samples of the callbacks and resuming sections of {@code docs/training.md}, verbatim between
 * {@code // region NAME} and {@code // endregion NAME}; {@code CallbackSnippetsTest} runs them on both backends.
 */
public final class CallbackSnippets {
  private CallbackSnippets() {}

  /** A small regression model: 1 → 32 tanh → 1, enough units to overfit 24 noisy samples. */
  public static Sequential model() {
    return Sequential.of(Input.shape(1), Dense.units(32).withActivation(ActivationFn.TANH), Dense.units(1))
        .withName("curve").withSeed(7);
  }

  /** {@code n} samples of y = sin(3x) + noise, x in [−1, 1]. */
  public static Dataset noisySine(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) r.nextDouble(-1, 1);
      y[i] = (float) (Math.sin(3 * x[i]) + 0.3 * r.nextGaussian());
    }
    return Dataset.of(x, Shape.of(1), y, Shape.of(1));
  }

  /** Early stopping with the best weights restored, a plateau rule and a CSV log; returns the history. */
  public static History earlyStopping(CompiledModel model, Dataset train, Dataset val, Path dir) {
    // region early-stopping
    EarlyStopping stop = EarlyStopping.builder()
        .monitor("val_loss").patience(5)              // 5 epochs without a better val_loss end training
        .restoreBestWeights(true)                     // and the model gets the best epoch's weights back
        .build();
    ReduceLROnPlateau plateau = ReduceLROnPlateau.builder()
        .monitor("val_loss").factor(0.5).patience(2)  // halve the rate after 2 epochs without progress
        .minLr(1e-4)
        .build();
    History history = model.fit(train, FitOptions.builder()
        .epochs(200).batchSize(8).validationData(val).verbose(0)
        .callbacks(stop, plateau, CSVLogger.to(dir.resolve("training.csv")))
        .build());
    System.out.println(history.stopReason());
    // endregion early-stopping
    return history;
  }

  /** A warm-up then a decay by epoch, and a line printed after every epoch. */
  public static History schedulerAndLambda(CompiledModel model, Dataset train) {
    // region scheduler-and-lambda
    LearningRateScheduler warmUp = LearningRateScheduler.of(
        (epoch, rate) -> epoch < 3 ? 0.01 * (epoch + 1) : rate * 0.9);  // epoch counts from 0, as in Keras
    LambdaCallback printer = LambdaCallback.builder()
        .onEpochEnd(logs -> System.out.printf("epoch %d: loss %.4f at rate %.4f%n",
            logs.epoch(), logs.get("loss"), logs.get("learning_rate")))
        .build();
    History history = model.fit(train, FitOptions.builder()
        .epochs(5).batchSize(8).verbose(0).callbacks(warmUp, printer).build());
    // endregion scheduler-and-lambda
    return history;
  }

  // region custom-callback
  /** Stops as soon as one step's loss is below a target: it acts between steps, so it needs every step. */
  public static final class StopBelow implements FitCallback {
    private final double target;
    private FitContext context;

    public StopBelow(double target) {
      this.target = target;
    }

    @Override
    public void onTrainBegin(FitContext context) {
      this.context = context;                        // the run: stop it, set the rate, reach the model
    }

    @Override
    public void onBatchEnd(BatchLogs logs) {
      if (logs.stepLoss() < target) {
        context.stopTraining("StopBelow: step " + logs.step() + " of epoch " + logs.epoch() + " had loss "
            + logs.stepLoss());
      }
    }

    @Override
    public boolean needsEveryStep() {
      return true;
    }
  }
  // endregion custom-callback

  /** The callbacks of a run that may be resumed: the same ones, built again, in every session. */
  public static FitOptions.Builder resumableOptions(int epochs, Dataset val, Path csv, boolean append) {
    // region resumable-options
    return FitOptions.builder()
        .epochs(epochs).batchSize(8).validationData(val).verbose(0)
        .callbacks(
            EarlyStopping.builder().monitor("val_loss").patience(3).build(),
            ReduceLROnPlateau.builder().monitor("val_loss").factor(0.5).patience(1).build(),
            CSVLogger.to(csv).append(append));        // append: the resumed session adds its lines
    // endregion resumable-options
  }

  /** 3 epochs, saved; loaded and trained on to epoch 6. Returns the resumed session's history. */
  public static History resume(Backend backend, Dataset train, Dataset val, Path dir) {
    Path csv = dir.resolve("log.csv");
    // region resume
    try (CompiledModel m = model().compile(backend, Optimizer.adam(0.02), Loss.meanSquaredError())) {
      m.fit(train, resumableOptions(3, val, csv, false).build());    // epochs 1 to 3
      m.save(dir.resolve("after-3.layerwise"));                      // weights, optimizer, callback states
    }
    // ... later, in another JVM:
    try (CompiledModel m = CompiledModel.load(dir.resolve("after-3.layerwise"), backend)) {
      return m.fit(train, resumableOptions(6, val, csv, true)
          .initialEpoch(3)                                           // epochs 4 to 6
          .build());
    }
    // endregion resume
  }
}
