package dev.layerwise.internal;

import static com.google.common.base.Preconditions.checkState;

import dev.layerwise.BatchLogs;
import dev.layerwise.DType;
import dev.layerwise.EpochLogs;
import dev.layerwise.Evaluation;
import dev.layerwise.FitCallback;
import dev.layerwise.FitCancelledException;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.TrainingDivergedException;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.MetricTracker;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.DropoutMasks;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.NonFiniteStepException;
import dev.layerwise.spi.StepResult;
import dev.layerwise.spi.TensorValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loop every backend shares: epochs, shuffling, batching, learning rates, metrics, validation, callbacks.
 * The backend only runs steps. Holds the counters that survive between {@code fit} calls (a second {@code fit}
 * continues Adam's step count and draws new shuffles, as Keras does).
 */
public final class TrainingLoop {
  private final BackendModel model;
  private final ModelSpec spec;
  private final TrainingConfig config;
  private final long seed;
  private final DropoutMasks masks;
  private final boolean regularized;
  /** Whether batches go to the backend in float64 too: the model computes in float64. */
  private final boolean doubles;
  private long iterations;
  private int epochsDone;
  /** Why a fit in flight must stop at its next step boundary (set by a close from another thread), or null. */
  private volatile String stopRequest;

  public TrainingLoop(BackendModel model, ModelSpec spec, TrainingConfig config, long seed) {
    this.model = model;
    this.spec = spec;
    this.config = config;
    this.seed = seed;
    this.masks = new DropoutMasks(spec);
    this.regularized = spec.hasRegularizers();
    this.doubles = config.dtype() == DType.FLOAT64;
  }

  /** Optimisation steps taken so far (Keras's {@code optimizer.iterations}). */
  public long iterations() {
    return iterations;
  }

  public dev.layerwise.TrainingState state() {
    return new dev.layerwise.TrainingState(iterations, epochsDone);
  }

  /** Continues from a saved state: the next update is {@code iterations + 1}, the next epoch's shuffle follows. */
  public void restore(dev.layerwise.TrainingState state) {
    this.iterations = state.iterations();
    this.epochsDone = state.epochs();
  }

  /** Makes a fit in flight stop at its next step boundary with a {@link FitCancelledException} saying why. */
  public void requestStop(String why) {
    stopRequest = why;
  }

  public History fit(Dataset data, FitOptions options) {
    spec.checkDifferentiable("fit");
    FitData prepared = FitData.prepare(spec, config, data, options);
    Dataset train = prepared.train();
    Dataset val = prepared.validation();
    long shuffleSeed = options.seed().orElse(SeededRandom.derive(seed, "shuffle"));
    int steps = Batches.sequential(train, options.batchSize()).count();
    History history = new History();
    for (FitCallback c : options.callbacks()) {
      c.onTrainBegin(options.epochs(), steps, train.size());
    }
    for (int e = 1; e <= options.epochs(); e++) {
      for (FitCallback c : options.callbacks()) {
        c.onEpochBegin(e, options.epochs());
      }
      long start = System.nanoTime();
      long epochSeed = SeededRandom.derive(shuffleSeed, "epoch" + epochsDone);
      Batches batches = options.shuffle() ? Batches.shuffled(train, options.batchSize(), epochSeed, doubles)
          : Batches.sequential(train, options.batchSize(), doubles);
      MetricTracker tracker = tracker(false);
      double lastRate = Double.NaN;
      for (int k = 0; k < batches.count(); k++) {
        // The step boundary: the last update is complete and the next has not started, so stopping leaves the
        // model consistent. isInterrupted, not interrupted(): the flag stays set for the thread's owner.
        if (Thread.currentThread().isInterrupted() || stopRequest != null) {
          throw new FitCancelledException(stopRequest != null ? stopRequest : "its thread was interrupted",
              iterations, e, k + 1, history);
        }
        Batch b = batches.get(k);
        long step = iterations + 1; // counted only once the backend has applied it, so a refused step is redone
        if (masks.any()) {
          b = b.withMasks(masks.draw(b.size(), SeededRandom.derive(seed, "dropout" + step)));
        }
        double lr = learningRate(step);
        StepResult r;
        try {
          r = model.trainStep(b, lr, step);
        } catch (NonFiniteStepException refused) {
          throw new TrainingDivergedException(history, step, e, k + 1, batches.count(), lr, refused.getMessage(),
              refused);
        }
        checkState(Double.isFinite(r.loss()), "fit: %s applied update %s although its loss is %s; a backend must"
            + " refuse such a step (NonFiniteStepException), so the model may now hold non-finite values",
            model.getClass().getSimpleName(), step, r.loss());
        iterations = step;
        history.recordLearningRate(lr);
        lastRate = lr;
        tracker.add(r.loss(), r.regularizationLoss(), r.outputLosses(), r.outputs(), b.ys(), b.size());
        if (!options.callbacks().isEmpty()) {
          BatchLogs batchLogs = new BatchLogs(e, k + 1, batches.count(), tracker.results());
          options.callbacks().forEach(c -> c.onBatchEnd(batchLogs));
        }
      }
      epochsDone++;
      Map<String, Double> values = new LinkedHashMap<>(tracker.results());
      values.put("learning_rate", lastRate);
      if (val != null) {
        evaluateChecked(val, options.batchSize()).forEach((key, v) -> values.put("val_" + key, v));
      }
      history.add(values);
      EpochLogs logs = new EpochLogs(e, options.epochs(), batches.count(), (System.nanoTime() - start) / 1e9, values);
      boolean stop = false;
      for (FitCallback c : options.callbacks()) {
        c.onEpochEnd(logs);
        stop |= c.stopTraining();
      }
      if (stop) {
        break;
      }
    }
    for (FitCallback c : options.callbacks()) {
      c.onTrainEnd(history);
    }
    return history;
  }

  /** The learning rate of update t (1-based): the schedule after t − 1 updates, checked before it is fed. */
  private double learningRate(long step) {
    var schedule = config.optimizer().learningRate();
    double lr = schedule.at(step - 1);
    if (!(lr >= 0) || Double.isInfinite(lr)) {
      throw new IllegalStateException(String.format("fit: the learning rate schedule %s gives %s at update %d; a"
          + " rate must be finite and ≥ 0", schedule, lr, step));
    }
    return lr;
  }

  /**
   * Mean loss and metrics over a dataset, in inference mode, with a single-output classifier's confusion matrix.
   */
  public Evaluation evaluate(Dataset data, int batchSize) {
    MetricTracker tracker = evaluated(DataChecks.labelled(spec, config, data, "evaluate"), batchSize, true);
    return new Evaluation(tracker.results(), tracker.confusionMatrix().orElse(null));
  }

  /**
   * {@link #evaluate} of data already checked and arranged in the model's order (validation data, checked once when
   * {@code fit} starts).
   */
  private Map<String, Double> evaluateChecked(Dataset data, int batchSize) {
    return evaluated(data, batchSize, false).results();
  }

  private MetricTracker evaluated(Dataset data, int batchSize, boolean confusionMatrix) {
    Batches batches = Batches.sequential(data, batchSize, doubles);
    MetricTracker tracker = tracker(confusionMatrix);
    for (int k = 0; k < batches.count(); k++) {
      Batch b = batches.get(k);
      StepResult r = model.evaluate(b);
      tracker.add(r.loss(), r.regularizationLoss(), r.outputLosses(), r.outputs(), b.ys(), b.size());
    }
    return tracker;
  }

  /**
   * Outputs for every sample, per output {@code size × outputSize}, row-major, in the model's output order.
   *
   * @param what the call, for messages ({@code predict}, {@code predictOutputs})
   */
  public List<float[]> predict(Dataset data, int batchSize, String what) {
    if (doubles) {
      return rounded(predictDoubles(data, batchSize, what));
    }
    Dataset arranged = DataChecks.features(spec, data, what);
    List<Shape> shapes = spec.outputShapes();
    List<float[]> out = new ArrayList<>();
    shapes.forEach(s -> out.add(new float[data.size() * s.size()]));
    Batches batches = Batches.sequential(arranged, batchSize);
    int row = 0;
    for (int k = 0; k < batches.count(); k++) {
      Batch b = batches.get(k);
      List<float[]> p = model.predictOutputs(b);
      for (int o = 0; o < shapes.size(); o++) {
        int size = shapes.get(o).size();
        System.arraycopy(p.get(o), 0, out.get(o), row * size, b.size() * size);
      }
      row += b.size();
    }
    return out;
  }

  /**
   * {@link #predict} in the backend's precision (the inference-mode forward pass), per output
   * {@code size × outputSize} values; the data goes in float64 to a float64 model only.
   */
  public List<double[]> predictDoubles(Dataset data, int batchSize, String what) {
    Dataset arranged = DataChecks.features(spec, data, what);
    List<Shape> shapes = spec.outputShapes();
    List<double[]> out = new ArrayList<>();
    shapes.forEach(s -> out.add(new double[data.size() * s.size()]));
    Batches batches = Batches.sequential(arranged, batchSize, doubles);
    int row = 0;
    for (int k = 0; k < batches.count(); k++) {
      Batch b = batches.get(k);
      List<TensorValue> p = model.forwardOutputs(b, false);
      for (int o = 0; o < shapes.size(); o++) {
        int size = shapes.get(o).size();
        System.arraycopy(p.get(o).data(), 0, out.get(o), row * size, b.size() * size);
      }
      row += b.size();
    }
    return out;
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

  private MetricTracker tracker(boolean confusionMatrix) {
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
