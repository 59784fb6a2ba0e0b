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
 * {@link MetricAccumulator}, read the way its output's loss implies ({@link Readout}).
 *
 * <p>A model with several outputs has one {@link Head} per output: each output's own (unweighted) loss and its
 * metrics are tracked too, under Keras 3's keys ({@code <output>_loss}, {@code <output>_<metric>}); a model with
 * one output reports {@code loss} and the plain metric keys.
 */
public final class MetricTracker {
  private final List<Head> heads;
  private final List<List<MetricAccumulator>> accumulators = new ArrayList<>();
  private final Optional<ConfusionMatrixAccumulator> confusion;
  private final boolean reportRegularization;
  private double lossSum;
  private double regularizationSum;
  private final double[] outputLossSums;
  private long samples;

  /**
   * What is tracked of one output.
   *
   * @param name the output's name (the prefix of its keys when there are several outputs)
   * @param outputShape the output's shape per sample
   */
  public record Head(String name, Loss loss, List<Metric> metrics, Shape outputShape) {
    public Head {
      metrics = List.copyOf(metrics);
    }
  }

  /**
   * A tracker of a model with one output.
   *
   * @param outputShape the model's output shape per sample
   * @param reportRegularization whether results include {@code regularization_loss} (models with regularizers)
   * @param confusionMatrix whether to count a confusion matrix (single-label classifiers only; see
   *     {@link #confusionMatrix})
   */
  public MetricTracker(Loss loss, Shape outputShape, List<Metric> metrics, boolean reportRegularization,
      boolean confusionMatrix) {
    this(List.of(new Head("output", loss, metrics, outputShape)), reportRegularization, confusionMatrix);
  }

  /**
   * A tracker of a model with the given outputs, in order.
   *
   * @param confusionMatrix whether to count a confusion matrix; only a model with one output has one
   */
  public MetricTracker(List<Head> heads, boolean reportRegularization, boolean confusionMatrix) {
    this.heads = List.copyOf(heads);
    this.reportRegularization = reportRegularization;
    this.outputLossSums = new double[heads.size()];
    for (Head h : this.heads) {
      Readout readout = Readout.of(h.loss(), h.outputShape());
      List<MetricAccumulator> acc = new ArrayList<>();
      h.metrics().forEach(m -> acc.add(m.accumulator(readout)));
      accumulators.add(acc);
    }
    this.confusion = confusionMatrix && this.heads.size() == 1
        ? ConfusionMatrixAccumulator.of(Readout.of(this.heads.get(0).loss(), this.heads.get(0).outputShape()))
        : Optional.empty();
  }

  /**
   * Adds one batch of a model with one output: its loss (data plus regularization), the regularization part, its
   * outputs and labels (buffers may be longer than the {@code n} samples).
   */
  public void add(double batchLoss, double regularizationLoss, float[] predictions, float[] labels, int n) {
    add(batchLoss, regularizationLoss, new double[] {batchLoss - regularizationLoss}, List.of(predictions),
        List.of(labels), n);
  }

  /**
   * Adds one batch: its objective (weighted output losses plus regularization), the regularization part, each
   * output's own loss, outputs ({@code n × outputSize} each) and labels (buffers may be longer), in output order.
   */
  public void add(double batchLoss, double regularizationLoss, double[] outputLosses, List<float[]> predictions,
      List<float[]> labels, int n) {
    lossSum += batchLoss * n;
    regularizationSum += regularizationLoss * n;
    samples += n;
    for (int k = 0; k < heads.size(); k++) {
      outputLossSums[k] += outputLosses[k] * n;
      float[] p = predictions.get(k);
      float[] y = labels.get(k);
      accumulators.get(k).forEach(a -> a.update(p, y, n));
    }
    confusion.ifPresent(c -> c.update(predictions.get(0), labels.get(0), n));
  }

  public double meanLoss() {
    return mean(lossSum);
  }

  /**
   * {@code loss} first, then {@code regularization_loss} if reported, then each metric by its key; with several
   * outputs the metrics are keyed {@code <output>_<metric>}, output by output, followed by each output's own loss,
   * {@code <output>_loss} (Keras 3's order).
   */
  public Map<String, Double> results() {
    Map<String, Double> r = new LinkedHashMap<>();
    r.put("loss", meanLoss());
    if (reportRegularization) {
      r.put("regularization_loss", mean(regularizationSum));
    }
    boolean several = heads.size() > 1;
    for (int k = 0; k < heads.size(); k++) {
      Head h = heads.get(k);
      for (int m = 0; m < h.metrics().size(); m++) {
        String key = several ? h.name() + "_" + h.metrics().get(m).key() : h.metrics().get(m).key();
        r.put(key, accumulators.get(k).get(m).result());
      }
    }
    if (several) {
      for (int k = 0; k < heads.size(); k++) {
        r.put(heads.get(k).name() + "_loss", mean(outputLossSums[k]));
      }
    }
    return r;
  }

  /** The confusion matrix of the pass, if one was asked for and the model is a single-label classifier. */
  public Optional<ConfusionMatrix> confusionMatrix() {
    return confusion.map(ConfusionMatrixAccumulator::matrix);
  }

  private double mean(double sum) {
    return samples == 0 ? Double.NaN : sum / samples;
  }
}
