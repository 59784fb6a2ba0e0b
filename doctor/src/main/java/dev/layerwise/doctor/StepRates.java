package dev.layerwise.doctor;

import static com.google.common.base.Preconditions.checkState;

import dev.layerwise.BatchLogs;
import dev.layerwise.FitCallback;
import dev.layerwise.FitContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Records, for every training step of a fit, the learning rate it used ({@link FitContext#learningRate()} read
 * before the step) and its own loss ({@link BatchLogs#stepLoss()}), in order across epochs: the data of
 * {@link RateCharts#perStep} and of a loss-against-rate reading (a warm-up, a schedule's decay, a plateau cut).
 *
 * <h2>Why it {@linkplain #needsEveryStep() needs every step}</h2>
 * With several steps per backend call ({@code FitOptions.stepsPerExecution}), the training loop computes the K
 * rates of a call before it and only then runs the batch hooks of each step; during the first step's
 * {@code onBatchBegin} the context's "next update" is still the call's last one, so {@code learningRate()} there
 * gives the last step's rate, not the first's ({@code TrainingLoop.chunk}). Measured on the TensorFlow backend, 8
 * steps in calls of 4, {@code ExponentialDecay(0.1, 4, 0.5)}: a callback without this flag read 0.0595 0.0841
 * 0.0707 0.0595 0.0297 0.0420 0.0354 0.0297, where the steps used ({@link dev.layerwise.History#learningRates()})
 * 0.1 0.0841 0.0707 0.0595 0.05 0.0420 0.0354 0.0297. Running every step alone makes the rate read before a step
 * the rate that step uses; it costs the multi-step speed-up on the TensorFlow backend, which
 * {@code History.learningRates()} avoids when the rates are needed only after the fit.
 */
public final class StepRates implements FitCallback {
  private final List<Double> rates = new ArrayList<>();
  private final List<Double> losses = new ArrayList<>();
  private FitContext context;
  private double pending = Double.NaN;

  @Override
  public void onTrainBegin(FitContext context) {
    this.context = context;
  }

  @Override
  public void onBatchBegin(int epoch, int step, int steps) {
    checkState(context != null, "StepRates: onBatchBegin before onTrainBegin");
    pending = context.learningRate();
  }

  @Override
  public void onBatchEnd(BatchLogs logs) {
    rates.add(pending);
    losses.add(logs.stepLoss());
    pending = Double.NaN;
  }

  /** True: see the class comment. */
  @Override
  public boolean needsEveryStep() {
    return true;
  }

  /** The rate of every recorded step, in order. */
  public double[] rates() {
    return rates.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The own loss of every recorded step, in order (the same steps as {@link #rates()}). */
  public double[] losses() {
    return losses.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
