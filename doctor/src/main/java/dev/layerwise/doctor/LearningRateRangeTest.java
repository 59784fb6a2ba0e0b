package dev.layerwise.doctor;

import dev.layerwise.BatchLogs;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitCallback;
import dev.layerwise.FitContext;
import dev.layerwise.FitOptions;
import dev.layerwise.TrainingDivergedException;
import dev.layerwise.data.Dataset;
import java.util.Arrays;
import java.util.Locale;

/**
 * The learning-rate range test (Smith, "Cyclical learning rates for training neural networks", 2015; fastai's
 * {@code lr_find}): train a copy of the model for a few hundred steps while the rate grows geometrically, record the
 * loss at every rate, and read off the largest rate at which the loss still falls fast.
 *
 * <h2>The sweep</h2>
 * The model is copied ({@link CompiledModel#recompile}: the current weights, a fresh optimizer of the same kind);
 * the user's model is not touched, and the copy is closed afterwards. Update i (0-based, of n =
 * {@link RangeTestOptions#steps()}) uses
 *
 * <pre>
 *   rate_i = min · (max/min)^(i/(n−1))
 * </pre>
 *
 * set through {@link FitContext#setBaseLearningRate} before the step, whatever the optimizer's own rate or
 * schedule: so the test works with every optimizer, whose rate always multiplies its update. The data is cycled
 * (several epochs of {@code fit}) when it has fewer than n batches.
 *
 * <p>The loss paired with rate_i is the loss of the batch after update i — the first loss that update i has
 * changed (a step's loss is computed before its own update; fastai pairs each rate with the loss before it, one
 * step, ×1.2 in rate by default, earlier). So the sweep runs n + 1 steps; the last at rate 0, which changes nothing,
 * only measures.
 *
 * <h2>Smoothing</h2>
 * One batch's loss is noisy (±10–20% at batch 32 on Fashion-MNIST and on the tests' small problems), and the rule
 * below compares losses between neighbouring rates. The smoothed loss is the exponentially weighted average with
 * bias correction:
 *
 * <pre>
 *   a_i = β·a_{i−1} + (1−β)·loss_i,  a_{−1} = 0;    smoothed_i = a_i / (1 − β^(i+1))
 * </pre>
 *
 * Without the correction a_i starts at 0 and the first smoothed losses are far too low — the minimum would be the
 * first step. With it, smoothed_i is a weighted mean of loss_0..loss_i whose weights sum to 1.
 *
 * <p>β = 0.9, not fastai's 0.98. The window is about 1/(1−β) steps, and what matters is its span in rate: at the
 * default density (100 steps over 8 decades, 12 per decade) 0.98 averages 50 steps, four decades, so while the loss
 * falls the smoothed curve still holds the losses of rates that taught nothing. Measured on the Fashion-MNIST MLP
 * (TF backend, seeds 42 and 1): with 0.98 SGD's smoothed loss fell only to 0.90× and 0.93× its start — the check
 * failed a healthy model — and Adam's suggestion moved up to 3e-3 through lag alone; with 0.9 (10 steps, 0.8
 * decade) they fell to 0.79–0.83× and 0.55–0.56×. Shorter windows average less: with 0.8 a fully frozen model's
 * smoothed loss wandered down to 0.90× its start on noise alone (6 seeds), at the check's threshold; with 0.9 it
 * stays at 0.94–1.00×. For sweeps of several hundred steps a larger β keeps the same span in rate
 * ({@link RangeTestOptions#withBeta}).
 *
 * <h2>When the sweep stops</h2>
 * After update n − 1; or when the smoothed loss exceeds {@link RangeTestOptions#divergenceFactor()} (4) × its
 * minimum so far; or when a step is not finite — {@code fit} then refuses the step and throws
 * {@link TrainingDivergedException}, which ends the sweep here (the losses recorded before it stand), as an exploding
 * loss is the sweep's expected end, not an error.
 *
 * <h2>The suggestion</h2>
 * See {@link RangeTestResult#RULE}: the rate at the smoothed loss's minimum, divided by 10.
 */
public final class LearningRateRangeTest {
  private LearningRateRangeTest() {}

  /** The sweep with the defaults ({@link RangeTestOptions#defaults()}). */
  public static RangeTestResult run(CompiledModel model, Dataset data) {
    return run(model, data, RangeTestOptions.defaults());
  }

  /** The sweep on a copy of {@code model}: the model itself is left as it is. */
  public static RangeTestResult run(CompiledModel model, Dataset data, RangeTestOptions options) {
    Sweep sweep = new Sweep(options);
    int stepsPerEpoch = (data.size() + options.batchSize() - 1) / options.batchSize();
    int epochs = (options.steps() + 1 + stepsPerEpoch - 1) / stepsPerEpoch;
    FitOptions fit = FitOptions.builder().epochs(epochs).batchSize(options.batchSize()).seed(options.seed())
        .quiet().callbacks(sweep).build();
    String diverged = null;
    try (CompiledModel copy = model.recompile(model.model(), model.config())) {
      copy.fit(data, fit);
    } catch (TrainingDivergedException e) {
      diverged = String.format(Locale.ROOT, "fit refused the step at rate %.3g: %s", e.learningRate(), e.reason());
    }
    String why = diverged != null ? diverged : sweep.stopReason != null ? sweep.stopReason
        : String.format(Locale.ROOT, "reached the last rate %.3g (the smoothed loss stayed below %.0f× its minimum)",
            options.maxRate(), options.divergenceFactor());
    int n = sweep.recorded;
    return RangeTestResult.of(describe(model), options, Arrays.copyOf(sweep.rates, n),
        Arrays.copyOf(sweep.losses, n), Arrays.copyOf(sweep.smoothed, n), why,
        diverged != null || sweep.stopReason != null);
  }

  private static String describe(CompiledModel model) {
    return model.config().optimizer().getClass().getSimpleName();
  }

  /** Sets each step's rate and records the loss after each update (see the class comment). */
  private static final class Sweep implements FitCallback {
    private final RangeTestOptions options;
    private final double[] rates;
    private final double[] losses;
    private final double[] smoothed;
    private FitContext context;
    private int step; // steps begun, over all epochs
    private int recorded;
    private double average;
    private double lowest = Double.POSITIVE_INFINITY;
    private String stopReason;

    Sweep(RangeTestOptions options) {
      this.options = options;
      this.rates = new double[options.steps()];
      this.losses = new double[options.steps()];
      this.smoothed = new double[options.steps()];
    }

    @Override
    public boolean needsEveryStep() {
      return true;
    }

    @Override
    public void onTrainBegin(FitContext context) {
      this.context = context;
    }

    @Override
    public void onBatchBegin(int epoch, int stepInEpoch, int steps) {
      // step s (0-based) applies rate_s; step n only measures the loss after update n − 1
      context.setBaseLearningRate(step < options.steps() ? options.rate(step) : 0);
      step++;
    }

    @Override
    public void onBatchEnd(BatchLogs logs) {
      if (step == 1) {
        return; // the loss before any update: it belongs to no rate
      }
      int i = recorded++;
      double loss = logs.stepLoss();
      rates[i] = options.rate(i);
      losses[i] = loss;
      average = options.beta() * average + (1 - options.beta()) * loss;
      smoothed[i] = average / (1 - Math.pow(options.beta(), i + 1));
      lowest = Math.min(lowest, smoothed[i]);
      if (!Double.isFinite(loss)) {
        stop(String.format(Locale.ROOT, "the loss after rate %.3g was not finite", rates[i]));
      } else if (smoothed[i] > options.divergenceFactor() * lowest) {
        stop(String.format(Locale.ROOT, "the smoothed loss passed %.0f× its minimum at rate %.3g",
            options.divergenceFactor(), rates[i]));
      } else if (recorded == options.steps()) {
        context.stopTraining("the sweep is complete");
      }
    }

    private void stop(String why) {
      stopReason = why;
      context.stopTraining(why);
    }
  }
}
