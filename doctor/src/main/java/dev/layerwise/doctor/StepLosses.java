package dev.layerwise.doctor;

import dev.layerwise.BatchLogs;
import dev.layerwise.FitCallback;
import java.util.ArrayList;
import java.util.List;

/**
 * Records every training step's own loss ({@link BatchLogs#stepLoss()}), by epoch, for {@link CurveReading}'s noise
 * reading. It only records, so it does not need every step alone: with several steps per backend call the loop still
 * hands it each step's logs in order.
 */
public final class StepLosses implements FitCallback {
  private final List<List<Double>> epochs = new ArrayList<>();
  private int current = Integer.MIN_VALUE;

  @Override
  public void onBatchEnd(BatchLogs logs) {
    if (logs.epoch() != current) {
      current = logs.epoch();
      epochs.add(new ArrayList<>());
    }
    epochs.get(epochs.size() - 1).add(logs.stepLoss());
  }

  /** Each recorded epoch's step losses, in order. */
  public List<double[]> perEpoch() {
    List<double[]> out = new ArrayList<>();
    epochs.forEach(e -> out.add(e.stream().mapToDouble(Double::doubleValue).toArray()));
    return out;
  }
}
