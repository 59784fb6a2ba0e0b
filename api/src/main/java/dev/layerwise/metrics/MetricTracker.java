package dev.layerwise.metrics;

import dev.layerwise.losses.BinaryCrossentropy;
import dev.layerwise.losses.CategoricalCrossentropy;
import dev.layerwise.losses.Loss;
import dev.layerwise.losses.LossVisitor;
import dev.layerwise.losses.MeanSquaredError;
import dev.layerwise.losses.SparseCategoricalCrossentropy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Running totals of the loss and the metrics over one pass (an epoch, an evaluation). The loss is averaged
 * weighted by batch size, as Keras does, so an uneven last batch does not count extra.
 *
 * <p>A model with several outputs has one {@link Head} per output: each output's own (unweighted) loss and its
 * metrics are tracked too, under Keras 3's keys ({@code <output>_loss}, {@code <output>_<metric>}); a model with
 * one output reports {@code loss} and the plain metric keys.
 */
public final class MetricTracker {
  private final List<Head> heads;
  private final List<Scorer> scorers = new ArrayList<>();
  private final boolean reportRegularization;
  private double lossSum;
  private double regularizationSum;
  private final double[] outputLossSums;
  private long samples;
  private final long[][] correct;
  private final long[][] judged;

  /**
   * What is tracked of one output.
   *
   * @param name the output's name (the prefix of its keys when there are several outputs)
   * @param outputSize values per sample in the output
   * @param labelSize values per sample in its targets (1 for sparse labels)
   */
  public record Head(String name, Loss loss, List<Metric> metrics, int outputSize, int labelSize) {
    public Head {
      metrics = List.copyOf(metrics);
    }
  }

  /**
   * A tracker of a model with one output.
   *
   * @param outputSize values per sample in the model's output
   * @param labelSize values per sample in the labels (1 for sparse labels)
   * @param reportRegularization whether results include {@code regularization_loss} (models with regularizers)
   */
  public MetricTracker(Loss loss, List<Metric> metrics, int outputSize, int labelSize,
      boolean reportRegularization) {
    this(List.of(new Head("output", loss, metrics, outputSize, labelSize)), reportRegularization);
  }

  /** A tracker of a model with the given outputs, in order. */
  public MetricTracker(List<Head> heads, boolean reportRegularization) {
    this.heads = List.copyOf(heads);
    this.reportRegularization = reportRegularization;
    this.outputLossSums = new double[heads.size()];
    this.correct = new long[heads.size()][];
    this.judged = new long[heads.size()][];
    for (int k = 0; k < heads.size(); k++) {
      scorers.add(heads.get(k).loss().accept(new ScorerChoice()));
      correct[k] = new long[heads.get(k).metrics().size()];
      judged[k] = new long[heads.get(k).metrics().size()];
    }
  }

  /**
   * Adds one batch of a model with one output: its loss (data plus regularization), the regularization part, its
   * outputs ({@code n × outputSize}) and labels (buffers may be longer).
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
      Head h = heads.get(k);
      if (h.metrics().isEmpty()) {
        continue;
      }
      Scorer scorer = scorers.get(k);
      long c = 0;
      long j = 0;
      for (int i = 0; i < n; i++) {
        c += scorer.correct(predictions.get(k), i * h.outputSize(), h.outputSize(), labels.get(k), i * h.labelSize());
        j += scorer.judged(h.outputSize());
      }
      for (int m = 0; m < h.metrics().size(); m++) {
        correct[k][m] += c;
        judged[k][m] += j;
      }
    }
  }

  public double meanLoss() {
    return samples == 0 ? Double.NaN : lossSum / samples;
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
        r.put(key, judged[k][m] == 0 ? Double.NaN : (double) correct[k][m] / judged[k][m]);
      }
    }
    if (several) {
      for (int k = 0; k < heads.size(); k++) {
        r.put(heads.get(k).name() + "_loss", mean(outputLossSums[k]));
      }
    }
    return r;
  }

  private double mean(double sum) {
    return samples == 0 ? Double.NaN : sum / samples;
  }

  private interface Scorer {
    /** How many of this sample's judgements are right. */
    int correct(float[] p, int pOff, int k, float[] y, int yOff);

    /** How many judgements a sample with k outputs makes. */
    int judged(int k);
  }

  private static int argmax(float[] v, int off, int k) {
    int best = 0;
    for (int j = 1; j < k; j++) {
      if (v[off + j] > v[off + best]) {
        best = j;
      }
    }
    return best;
  }

  private static final class ScorerChoice implements LossVisitor<Scorer> {
    @Override
    public Scorer visitMeanSquaredError(MeanSquaredError loss) {
      return new Elementwise(Float.NaN);
    }

    @Override
    public Scorer visitBinaryCrossentropy(BinaryCrossentropy loss) {
      return new Elementwise(loss.fromLogits() ? 0f : 0.5f);
    }

    @Override
    public Scorer visitCategoricalCrossentropy(CategoricalCrossentropy loss) {
      return new Scorer() {
        @Override
        public int correct(float[] p, int pOff, int k, float[] y, int yOff) {
          return argmax(p, pOff, k) == argmax(y, yOff, k) ? 1 : 0;
        }

        @Override
        public int judged(int k) {
          return 1;
        }
      };
    }

    @Override
    public Scorer visitSparseCategoricalCrossentropy(SparseCategoricalCrossentropy loss) {
      return new Scorer() {
        @Override
        public int correct(float[] p, int pOff, int k, float[] y, int yOff) {
          return argmax(p, pOff, k) == (int) y[yOff] ? 1 : 0;
        }

        @Override
        public int judged(int k) {
          return 1;
        }
      };
    }
  }

  /** Per-output judgements: thresholded (binary) or exact equality (threshold NaN). */
  private record Elementwise(float threshold) implements Scorer {
    @Override
    public int correct(float[] p, int pOff, int k, float[] y, int yOff) {
      int c = 0;
      for (int j = 0; j < k; j++) {
        boolean right = Float.isNaN(threshold)
            ? p[pOff + j] == y[yOff + j]
            : (p[pOff + j] > threshold) == (y[yOff + j] > 0.5f);
        c += right ? 1 : 0;
      }
      return c;
    }

    @Override
    public int judged(int k) {
      return k;
    }
  }
}
