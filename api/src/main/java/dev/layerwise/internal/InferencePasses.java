package dev.layerwise.internal;

import dev.layerwise.DType;
import dev.layerwise.Evaluation;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.data.DataSource;
import dev.layerwise.data.Dataset;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.MetricTracker;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.StepResult;
import dev.layerwise.spi.TensorValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The passes in inference mode every backend shares: evaluation (mean loss, metrics, a confusion matrix) and
 * prediction over data in memory or a source, in batches — prediction's joined into larger calls on a backend whose
 * calls cost time of their own. Also the metric trackers the training loop fills.
 */
public final class InferencePasses {
  private final BackendModel model;
  private final ModelSpec spec;
  private final TrainingConfig config;
  private final boolean regularized;
  /** Whether batches go to the backend in float64 too: the model computes in float64. */
  private final boolean doubles;

  public InferencePasses(BackendModel model, ModelSpec spec, TrainingConfig config) {
    this.model = model;
    this.spec = spec;
    this.config = config;
    this.regularized = spec.hasRegularizers();
    this.doubles = config.dtype() == DType.FLOAT64;
  }

  /**
   * Mean loss and metrics over a dataset, in inference mode, with a single-output classifier's confusion matrix.
   */
  public Evaluation evaluate(Dataset data, int batchSize) {
    return evaluation(TrainingData.of(DataChecks.labelled(spec, config, data, "evaluate"), doubles), batchSize);
  }

  /** {@link #evaluate(Dataset, int)} of a source, read a batch at a time, in order. */
  public Evaluation evaluate(DataSource data, int batchSize) {
    return evaluation(TrainingData.of(data, ChunkCheck.labelled(spec, config, "evaluate"), doubles), batchSize);
  }

  private Evaluation evaluation(TrainingData data, int batchSize) {
    MetricTracker tracker = evaluated(data, batchSize, true);
    return new Evaluation(tracker.results(), tracker.confusionMatrix().orElse(null));
  }

  /**
   * {@link #evaluate} of data already checked and arranged in the model's order (validation data, checked once when
   * {@code fit} starts).
   */
  Map<String, Double> evaluateChecked(TrainingData data, int batchSize) {
    return evaluated(data, batchSize, false).results();
  }

  private MetricTracker evaluated(TrainingData data, int batchSize, boolean confusionMatrix) {
    MetricTracker tracker = tracker(confusionMatrix);
    // batches as given: the loss is the mean of per-batch means, Keras's; joined calls would change its last bits
    try (BatchFeed batches = data.inOrder(batchSize)) {
      for (int k = 0; k < batches.count(); k++) {
        Batch b = batches.next();
        StepResult r = model.evaluate(b);
        tracker.add(r.loss(), r.regularizationLoss(), r.outputLosses(), r.outputs(), b.ys(), b.size());
      }
    }
    return tracker;
  }

  /**
   * Outputs for every sample, per output {@code size × outputSize}, row-major, in the model's output order.
   *
   * @param what the call, for messages ({@code predict}, {@code predictOutputs})
   */
  public List<float[]> predict(Dataset data, int batchSize, String what) {
    return predict(TrainingData.of(DataChecks.features(spec, data, what), doubles), batchSize);
  }

  /** {@link #predict(Dataset, int, String)} of a source, read a batch at a time, in order. */
  public List<float[]> predict(DataSource data, int batchSize, String what) {
    return predict(TrainingData.of(data, ChunkCheck.features(spec, what), doubles), batchSize);
  }

  private List<float[]> predict(TrainingData data, int batchSize) {
    if (doubles) {
      return rounded(predictDoubles(data, batchSize));
    }
    List<Shape> shapes = spec.outputShapes();
    List<float[]> out = new ArrayList<>();
    shapes.forEach(s -> out.add(new float[data.size() * s.size()]));
    int row = 0;
    try (BatchFeed batches = data.inOrder(callRows(data, batchSize))) {
      for (int k = 0; k < batches.count(); k++) {
        Batch b = batches.next();
        List<float[]> p = model.predictOutputs(b);
        for (int o = 0; o < shapes.size(); o++) {
          int size = shapes.get(o).size();
          System.arraycopy(p.get(o), 0, out.get(o), row * size, b.size() * size);
        }
        row += b.size();
      }
    }
    return out;
  }

  /**
   * {@link #predict} in the backend's precision (the inference-mode forward pass), per output
   * {@code size × outputSize} values; the data goes in float64 to a float64 model only.
   */
  public List<double[]> predictDoubles(Dataset data, int batchSize, String what) {
    return predictDoubles(TrainingData.of(DataChecks.features(spec, data, what), doubles), batchSize);
  }

  private List<double[]> predictDoubles(TrainingData data, int batchSize) {
    List<Shape> shapes = spec.outputShapes();
    List<double[]> out = new ArrayList<>();
    shapes.forEach(s -> out.add(new double[data.size() * s.size()]));
    int row = 0;
    try (BatchFeed batches = data.inOrder(batchSize)) {
      for (int k = 0; k < batches.count(); k++) {
        Batch b = batches.next();
        List<TensorValue> p = model.forwardOutputs(b, false);
        for (int o = 0; o < shapes.size(); o++) {
          int size = shapes.get(o).size();
          System.arraycopy(p.get(o).data(), 0, out.get(o), row * size, b.size() * size);
        }
        row += b.size();
      }
    }
    return out;
  }

  /**
   * How many rows one prediction call takes: on a backend whose calls cost time of their own
   * ({@link BackendModel#prefersLargeCalls}) several batches at once ({@link StepsPerExecution#inferenceBatch}), as
   * that cost would otherwise dominate a small model; otherwise the batches as given. Each row's outputs are
   * computed alone, so joining changes no bit.
   */
  private int callRows(TrainingData data, int batchSize) {
    return !model.prefersLargeCalls() ? batchSize : StepsPerExecution.inferenceBatch(spec, batchSize, data.size());
  }

  /** Each array rounded to float32. */
  public static List<float[]> rounded(List<double[]> values) {
    List<float[]> out = new ArrayList<>();
    for (double[] d : values) {
      float[] f = new float[d.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) d[i];
      }
      out.add(f);
    }
    return out;
  }

  /** A tracker of every output's loss and metrics (and, if asked, the confusion matrix). */
  MetricTracker tracker(boolean confusionMatrix) {
    List<MetricTracker.Head> heads = new ArrayList<>();
    for (int k = 0; k < spec.outputs().size(); k++) {
      String name = spec.outputNames().get(k);
      Loss loss = config.lossFor(name);
      Shape out = spec.outputShapes().get(k);
      heads.add(new MetricTracker.Head(name, loss, config.metricsFor(name), out));
    }
    return new MetricTracker(heads, regularized, confusionMatrix);
  }
}
