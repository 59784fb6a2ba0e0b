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
 * step earlier). So the sweep runs n + 1 steps; the last at rate 0, which changes nothing, only measures.
 *
 * <h2>Smoothing</h2>
 * One batch's loss is noisy (±5–15% at batch 32 on Fashion-MNIST and on the tests' small problems): the minimum of
 * the raw losses would pick a lucky batch. The smoothed loss is the exponentially weighted average with bias
 * correction:
 *
 * <pre>
 *   a_i = β·a_{i−1} + (1−β)·loss_i,  a_{−1} = 0;    smoothed_i = a_i / (1 − β^(i+1))
 * </pre>
 *
 * Without the correction a_i starts at 0 and the first smoothed losses are far too low — the minimum would be the
 * first step. With it, smoothed_i is a weighted mean of loss_0..loss_i whose weights sum to 1.
 *
 * <p>β = 0.9, not fastai's 0.98. The window is about 1/(1−β) steps, and what matters is its span in rate: at the
 * default density (300 steps over 8 decades, 37 per decade) 0.9 averages 10 steps, a quarter of a decade, and cuts
 * one batch's noise to a quarter (the variance by (1−β)/(1+β) = 1/19). Longer windows lag: while the loss falls,
 * the smoothed curve still holds the losses of rates that taught nothing, and its minimum moves up in rate. Measured
 * on the Fashion-MNIST MLP (TF backend, 300 steps, 4 shuffling seeds), Adam's suggestion was 7.0e-4 to 1.2e-3 with
 * β 0.9, 1.9e-3 to 3.9e-3 with 0.95 and 2.7e-3 to 4.4e-3 with 0.97, through lag alone. With fastai's 100 steps and
 * 0.98 (a window of four decades) SGD's smoothed loss fell only to 0.90× and 0.93× its start (seeds 42, 1), so the
 * check failed a healthy model. Shorter windows average less noise: a fully frozen model's smoothed loss stays at
 * 0.95–0.98× its start with 0.9 (16 sweeps), well above the check's 0.9.
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
    try (CompiledModel copy = ModelCopy.of(model)) {
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
