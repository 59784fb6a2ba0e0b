package dev.layerwise.metrics;

import dev.layerwise.Shape;
import dev.layerwise.losses.Loss;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Running totals of the loss and the metrics over one pass (an epoch, an evaluation). The loss is averaged
 * weighted by batch size, as Keras does, so an uneven last batch does not count extra; each metric is its own
 * {@link MetricAccumulator}, read the way the loss implies ({@link Readout}).
 */
public final class MetricTracker {
  private final List<Metric> metrics;
  private final List<MetricAccumulator> accumulators = new ArrayList<>();
  private final Optional<ConfusionMatrixAccumulator> confusion;
  private final boolean reportRegularization;
  private double lossSum;
  private double regularizationSum;
  private long samples;

  /**
   * @param outputShape the model's output shape per sample
   * @param reportRegularization whether results include {@code regularization_loss} (models with regularizers)
   * @param confusionMatrix whether to count a confusion matrix (single-label classifiers only; see
   *     {@link #confusionMatrix})
   */
  public MetricTracker(Loss loss, Shape outputShape, List<Metric> metrics, boolean reportRegularization,
      boolean confusionMatrix) {
    Readout readout = Readout.of(loss, outputShape);
    this.metrics = List.copyOf(metrics);
    this.metrics.forEach(m -> accumulators.add(m.accumulator(readout)));
    this.confusion = confusionMatrix ? ConfusionMatrixAccumulator.of(readout) : Optional.empty();
    this.reportRegularization = reportRegularization;
  }

  /**
   * Adds one batch: its loss (data plus regularization), the regularization part, its outputs and labels (buffers
   * may be longer than the {@code n} samples).
   */
  public void add(double batchLoss, double regularizationLoss, float[] predictions, float[] labels, int n) {
    lossSum += batchLoss * n;
    regularizationSum += regularizationLoss * n;
    samples += n;
    accumulators.forEach(a -> a.update(predictions, labels, n));
    confusion.ifPresent(c -> c.update(predictions, labels, n));
  }

  public double meanLoss() {
    return samples == 0 ? Double.NaN : lossSum / samples;
  }

  /** {@code loss} first, then {@code regularization_loss} if reported, then each metric by its key. */
  public Map<String, Double> results() {
    Map<String, Double> r = new LinkedHashMap<>();
    r.put("loss", meanLoss());
    if (reportRegularization) {
      r.put("regularization_loss", samples == 0 ? Double.NaN : regularizationSum / samples);
    }
    for (int i = 0; i < metrics.size(); i++) {
      r.put(metrics.get(i).key(), accumulators.get(i).result());
    }
    return r;
  }

  /** The confusion matrix of the pass, if one was asked for and the model is a single-label classifier. */
  public Optional<ConfusionMatrix> confusionMatrix() {
    return confusion.map(ConfusionMatrixAccumulator::matrix);
  }
}
