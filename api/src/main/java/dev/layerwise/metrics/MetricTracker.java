package dev.layerwise.metrics;

import dev.layerwise.losses.BinaryCrossentropy;
import dev.layerwise.losses.CategoricalCrossentropy;
import dev.layerwise.losses.CategoricalHinge;
import dev.layerwise.losses.Huber;
import dev.layerwise.losses.KLDivergence;
import dev.layerwise.losses.Loss;
import dev.layerwise.losses.LossVisitor;
import dev.layerwise.losses.MeanAbsoluteError;
import dev.layerwise.losses.MeanSquaredError;
import dev.layerwise.losses.SparseCategoricalCrossentropy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Running totals of the loss and the metrics over one pass (an epoch, an evaluation). The loss is averaged
 * weighted by batch size, as Keras does, so an uneven last batch does not count extra.
 */
public final class MetricTracker {
  private final List<Metric> metrics;
  private final Scorer scorer;
  private final int outputSize;
  private final int labelSize;
  private final boolean reportRegularization;
  private double lossSum;
  private double regularizationSum;
  private long samples;
  private long correct;
  private long judged;

  /**
   * @param outputSize values per sample in the model's output
   * @param labelSize values per sample in the labels (1 for sparse labels)
   * @param reportRegularization whether results include {@code regularization_loss} (models with regularizers)
   */
  public MetricTracker(Loss loss, List<Metric> metrics, int outputSize, int labelSize,
      boolean reportRegularization) {
    this.metrics = List.copyOf(metrics);
    this.outputSize = outputSize;
    this.labelSize = labelSize;
    this.reportRegularization = reportRegularization;
    this.scorer = loss.accept(new ScorerChoice());
  }

  /**
   * Adds one batch: its loss (data plus regularization), the regularization part, its outputs
   * ({@code n × outputSize}) and labels (buffers may be longer).
   */
  public void add(double batchLoss, double regularizationLoss, float[] predictions, float[] labels, int n) {
    lossSum += batchLoss * n;
    regularizationSum += regularizationLoss * n;
    samples += n;
    if (!metrics.isEmpty()) {
      for (int i = 0; i < n; i++) {
        correct += scorer.correct(predictions, i * outputSize, outputSize, labels, i * labelSize);
        judged += scorer.judged(outputSize);
      }
    }
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
    for (Metric m : metrics) {
      r.put(m.key(), judged == 0 ? Double.NaN : (double) correct / judged);
    }
    return r;
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

  /** One judgement per sample: the argmax of the output against the argmax of the one-hot (or soft) label. */
  private static final Scorer ARGMAX_MATCH = new Scorer() {
    @Override
    public int correct(float[] p, int pOff, int k, float[] y, int yOff) {
      return argmax(p, pOff, k) == argmax(y, yOff, k) ? 1 : 0;
    }

    @Override
    public int judged(int k) {
      return 1;
    }
  };

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
      return ARGMAX_MATCH;
    }

    @Override
    public Scorer visitMeanAbsoluteError(MeanAbsoluteError loss) {
      return new Elementwise(Float.NaN);
    }

    @Override
    public Scorer visitHuber(Huber loss) {
      return new Elementwise(Float.NaN);
    }

    @Override
    public Scorer visitKLDivergence(KLDivergence loss) {
      return ARGMAX_MATCH;
    }

    @Override
    public Scorer visitCategoricalHinge(CategoricalHinge loss) {
      return ARGMAX_MATCH;
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
