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
 * <p>It only records, so a fit keeps its multi-step backend calls ({@code FitOptions.stepsPerExecution}): the
 * training loop gives each step of a call its own rate in the context before that step's {@code onBatchBegin}.
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

  /** The rate of every recorded step, in order. */
  public double[] rates() {
    return rates.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The own loss of every recorded step, in order (the same steps as {@link #rates()}). */
  public double[] losses() {
    return losses.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
