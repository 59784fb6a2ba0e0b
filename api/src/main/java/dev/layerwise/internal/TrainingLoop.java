package dev.layerwise.internal;

import static com.google.common.base.Preconditions.checkState;

import dev.layerwise.BatchLogs;
import dev.layerwise.CallbackState;
import dev.layerwise.CompiledModel;
import dev.layerwise.DType;
import dev.layerwise.EpochLogs;
import dev.layerwise.Evaluation;
import dev.layerwise.FitCallback;
import dev.layerwise.FitCancelledException;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.FitContext;
import dev.layerwise.ResumableCallback;
import dev.layerwise.TrainingConfig;
import dev.layerwise.TrainingDivergedException;
import dev.layerwise.data.DataSource;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.metrics.MetricTracker;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.RandomDraws;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.NonFiniteStepException;
import dev.layerwise.spi.StepChunks;
import dev.layerwise.spi.StepResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
  private final RandomDraws draws;
  private final InferencePasses passes;
  /** Whether batches go to the backend in float64 too: the model computes in float64. */
  private final boolean doubles;
  private long iterations;
  private int epochsDone;
  /** The states of the last fit's resumable callbacks (or a loaded model's), for the next resumed fit. */
  private List<CallbackState> callbackStates = List.of();
  /** The resumable callbacks of the fit in flight, or null: a save from a callback takes their states as they are. */
  private Map<String, ResumableCallback> running;
  /** Why a fit in flight must stop at its next step boundary (set by a close from another thread), or null. */
  private volatile String stopRequest;

  public TrainingLoop(BackendModel model, ModelSpec spec, TrainingConfig config, long seed) {
    this.model = model;
    this.spec = spec;
    this.config = config;
    this.seed = seed;
    this.draws = new RandomDraws(spec);
    this.passes = new InferencePasses(model, spec, config);
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

  /**
   * The resumable callbacks' states: during a fit (a {@code ModelCheckpoint} saving at an epoch's end) as they are
   * now; otherwise those the last fit ended with, or that {@link #restoreCallbacks} gave.
   */
  public List<CallbackState> callbackStates() {
    Map<String, ResumableCallback> live = running;
    return live != null ? CallbackStates.collect(live) : callbackStates;
  }

  /** Keeps loaded callback states for the next resumed fit. */
  public void restoreCallbacks(List<CallbackState> states) {
    this.callbackStates = List.copyOf(states);
  }

  /** Makes a fit in flight stop at its next step boundary with a {@link FitCancelledException} saying why. */
  public void requestStop(String why) {
    stopRequest = why;
  }

  /** {@link #fit(Dataset, FitOptions, CompiledModel)} without a model for callbacks to reach. */
  public History fit(Dataset data, FitOptions options) {
    return fit(data, options, null);
  }

  /**
   * Runs epochs {@code initialEpoch + 1 … epochs}. {@code owner} is what {@link FitContext#model()} gives
   * callbacks. A resumed fit ({@code initialEpoch > 0}) hands the callback states kept from the last fit (or
   * loaded) to its callbacks; every fit that ends normally keeps its callbacks' states.
   */
  public History fit(Dataset data, FitOptions options, CompiledModel owner) {
    spec.checkDifferentiable("fit");
    return fit(FitData.prepare(spec, config, data, options, doubles), options, owner);
  }

  /**
   * {@link #fit(Dataset, FitOptions, CompiledModel)} on a source read a batch at a time (see {@link DataSource} for
   * how each kind shuffles).
   */
  public History fit(DataSource data, FitOptions options, CompiledModel owner) {
    spec.checkDifferentiable("fit");
    return fit(FitData.prepare(spec, config, data, options, doubles), options, owner);
  }

  private History fit(FitData prepared, FitOptions options, CompiledModel owner) {
    TrainingData train = prepared.train();
    TrainingData val = prepared.validation();
    List<FitCallback> callbacks = options.callbacks();
    Map<String, ResumableCallback> resumable = CallbackStates.byKey(callbacks);
    long shuffleSeed = options.seed().orElse(SeededRandom.derive(seed, "shuffle"));
    int steps = Batches.count(train.size(), options.batchSize());
    History history = new History();
    FitControl control = new FitControl(owner, options.initialEpoch(), options.epochs(), steps, train.size(),
        config.optimizer().learningRate(), iterations + 1);
    for (FitCallback c : callbacks) {
      c.onTrainBegin(control);
    }
    if (options.initialEpoch() > 0) {
      CallbackStates.restore(resumable, callbackStates);
    }
    StepChunks chunks = stepChunks(train, options);
    history.recordStepsPerExecution(chunks == null ? 1 : chunks.steps());
    running = resumable;
    try {
      String stop = null;
      for (int e = options.initialEpoch() + 1; e <= options.epochs() && stop == null; e++) {
        long epochSeed = SeededRandom.derive(shuffleSeed, "epoch" + epochsDone);
        if (chunks != null) {
          // the batches TrainingData.of(dataset).epoch gives, taken K at a time by the backend
          Dataset data = train.inMemory();
          Batches batches = options.shuffle() ? Batches.shuffled(data, options.batchSize(), epochSeed, doubles)
              : Batches.sequential(data, options.batchSize(), doubles);
          stop = epoch(e, new EpochSteps(batches, chunks), val, options, control, history);
          continue;
        }
        // closed however the epoch ends, so a source's read-ahead thread never outlives it
        try (BatchFeed batches = train.epoch(options.batchSize(), options.shuffle(), epochSeed)) {
          stop = epoch(e, new EpochSteps(batches), val, options, control, history);
        }
      }
      history.recordStop(stop == null ? "completed" : stop);
      for (FitCallback c : callbacks) {
        c.onTrainEnd(history);
      }
      callbackStates = CallbackStates.collect(resumable);
    } finally {
      running = null;
    }
    return history;
  }

  /**
   * The multi-step mode for this fit ({@link FitOptions#stepsPerExecution()}), or null to run every step alone: data
   * in memory, no callback needing every step, K ≥ 2 (at most the epoch's full batches) and a backend that offers it.
   */
  private StepChunks stepChunks(TrainingData train, FitOptions options) {
    Dataset data = train.inMemory();
    if (data == null || options.needsEveryStep()) {
      return null;
    }
    int fullBatches = data.size() / options.batchSize();
    long fitSteps = (long) fullBatches * (options.epochs() - options.initialEpoch());
    int k = Math.min(StepsPerExecution.choose(spec, options.batchSize(), options.stepsPerExecution(), fitSteps),
        fullBatches);
    return k < 2 ? null : model.stepChunks(data, options.batchSize(), k).orElse(null);
  }

  /**
   * An epoch's batches: read one after another from a feed, or, in the multi-step mode, taken by index from the
   * dataset's batches, K full ones per backend call.
   */
  private record EpochSteps(BatchFeed feed, Batches batches, StepChunks chunks) {
    EpochSteps(BatchFeed feed) {
      this(feed, null, null);
    }

    EpochSteps(Batches batches, StepChunks chunks) {
      this(null, batches, chunks);
    }

    int count() {
      return batches != null ? batches.count() : feed.count();
    }

    /** Whether steps k … k+K−1 can run in one call: K full batches remain. */
    boolean chunkAt(int k) {
      return chunks != null && k + chunks.steps() <= batches.fullBatches();
    }

    Batch batch(int k) {
      return batches != null ? batches.get(k) : feed.next();
    }
  }

  /** One epoch: its steps, validation and callbacks; returns why training stops after it, or null. */
  private String epoch(int e, EpochSteps steps, TrainingData val, FitOptions options, FitControl control,
      History history) {
    List<FitCallback> callbacks = options.callbacks();
    for (FitCallback c : callbacks) {
      c.onEpochBegin(e, options.epochs());
    }
    long start = System.nanoTime();
    MetricTracker tracker = passes.tracker(false);
    double lastRate = Double.NaN;
    int count = steps.count();
    int k = 0;
    while (k < count && !control.stopRequested()) {
      // The step boundary: the last update is complete and the next has not started, so stopping leaves the
      // model consistent. isInterrupted, not interrupted(): the flag stays set for the thread's owner.
      if (Thread.currentThread().isInterrupted() || stopRequest != null) {
        String why = stopRequest != null ? stopRequest : "its thread was interrupted";
        history.recordStop("cancelled: " + why);
        throw new FitCancelledException(why, iterations, e, k + 1, history);
      }
      if (steps.chunkAt(k)) {
        lastRate = chunk(e, k, count, steps, tracker, control, history, callbacks);
        k += steps.chunks().steps();
      } else {
        for (FitCallback c : callbacks) {
          c.onBatchBegin(e, k + 1, count);
        }
        lastRate = step(e, k, count, steps.batch(k), tracker, control, history, callbacks);
        k++;
      }
    }
    epochsDone++;
    Map<String, Double> values = new LinkedHashMap<>(tracker.results());
    values.put("learning_rate", lastRate);
    if (val != null) {
      passes.evaluateChecked(val, options.batchSize()).forEach((key, v) -> values.put("val_" + key, v));
    }
    history.add(e, values);
    EpochLogs logs = new EpochLogs(e, options.epochs(), count, (System.nanoTime() - start) / 1e9, values);
    for (FitCallback c : callbacks) {
      c.onEpochEnd(logs);
      if (c.stopTraining()) {
        control.stopTraining(c.getClass().getSimpleName() + " asked to stop after epoch " + e);
      }
    }
    return control.stopReason();
  }

  /**
   * Step k of epoch e alone: its draws (dropout masks, augmentation parameters, from the step's seed so a resumed fit
   * draws the same), its learning rate, the backend's step; returns the rate.
   */
  private double step(int e, int k, int count, Batch batch, MetricTracker tracker, FitControl control,
      History history, List<FitCallback> callbacks) {
    Batch b = batch;
    long step = iterations + 1; // counted only once the backend has applied it, so a refused step is redone
    if (draws.any()) {
      b = b.withMasks(drawsOf(b.size(), step));
    }
    double lr = control.rateOf(step);
    StepResult r;
    try {
      r = model.trainStep(b, lr, step);
    } catch (NonFiniteStepException refused) {
      history.recordStop("diverged: " + refused.getMessage());
      throw new TrainingDivergedException(history, step, e, k + 1, count, lr, refused.getMessage(), refused);
    }
    checkState(Double.isFinite(r.loss()), "fit: %s applied update %s although its loss is %s; a backend must"
        + " refuse such a step (NonFiniteStepException), so the model may now hold non-finite values",
        model.getClass().getSimpleName(), step, r.loss());
    finishStep(e, k, count, step, lr, r, b.ys(), b.size(), tracker, control, history, callbacks);
    return lr;
  }

  private Map<String, float[]> drawsOf(int batchSize, long step) {
    return draws.draw(batchSize, SeededRandom.derive(seed, "dropout" + step));
  }

  /** What follows an applied step: the counters, the rate's record, the metrics and the batch-end callbacks. */
  private void finishStep(int e, int k, int count, long step, double lr, StepResult r, List<float[]> ys, int n,
      MetricTracker tracker, FitControl control, History history, List<FitCallback> callbacks) {
    iterations = step;
    control.nextStep(step + 1);
    history.recordLearningRate(lr);
    tracker.add(r.loss(), r.regularizationLoss(), r.outputLosses(), r.outputs(), ys, n);
    if (!callbacks.isEmpty()) {
      BatchLogs batchLogs = new BatchLogs(e, k + 1, count, r.loss(), tracker.results());
      callbacks.forEach(c -> c.onBatchEnd(batchLogs));
    }
  }

  /**
   * Steps k … k+K−1 of epoch e in one backend call, with exactly the rates and draws single steps would use; then,
   * step by step, what single steps do after the backend (the batch hooks run around each step's results, after the
   * call: no callback of this fit acts between steps). When the backend reports that a step would have been
   * non-finite it has changed nothing, and the K steps are taken again one at a time: the first bad one is refused as
   * {@link #step} refuses it, at its exact step.
   */
  private double chunk(int e, int k, int count, EpochSteps steps, MetricTracker tracker, FitControl control,
      History history, List<FitCallback> callbacks) {
    StepChunks chunks = steps.chunks();
    Batches batches = steps.batches();
    int n = chunks.steps();
    int size = batches.batchSize();
    long first = iterations + 1;
    double[] rates = new double[n];
    List<Map<String, float[]>> drawn = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      rates[j] = control.rateOf(first + j);
      drawn.add(draws.any() ? drawsOf(size, first + j) : Map.of());
    }
    Optional<List<StepResult>> results = chunks.run(batches.order(), k * size, rates, first, drawn);
    double lr = Double.NaN;
    for (int j = 0; j < n; j++) {
      control.nextStep(first + j); // the context reports step j's own rate in its hooks, as around a single step
      for (FitCallback c : callbacks) {
        c.onBatchBegin(e, k + j + 1, count);
      }
      if (results.isPresent()) {
        lr = rates[j];
        finishStep(e, k + j, count, first + j, lr, results.get().get(j), batches.targets(k + j), size, tracker,
            control, history, callbacks);
      } else {
        lr = step(e, k + j, count, batches.get(k + j), tracker, control, history, callbacks);
      }
    }
    return lr;
  }

  /**
   * Mean loss and metrics over a dataset, in inference mode, with a single-output classifier's confusion matrix.
   */
  public Evaluation evaluate(Dataset data, int batchSize) {
    return passes.evaluate(data, batchSize);
  }

  /** {@link #evaluate(Dataset, int)} of a source, read a batch at a time, in order. */
  public Evaluation evaluate(DataSource data, int batchSize) {
    return passes.evaluate(data, batchSize);
  }

  /**
   * Outputs for every sample, per output {@code size × outputSize}, row-major, in the model's output order.
   *
   * @param what the call, for messages ({@code predict}, {@code predictOutputs})
   */
  public List<float[]> predict(Dataset data, int batchSize, String what) {
    return passes.predict(data, batchSize, what);
  }

  /** {@link #predict(Dataset, int, String)} of a source, read a batch at a time, in order. */
  public List<float[]> predict(DataSource data, int batchSize, String what) {
    return passes.predict(data, batchSize, what);
  }

  /** {@link InferencePasses#predictDoubles}. */
  public List<double[]> predictDoubles(Dataset data, int batchSize, String what) {
    return passes.predictDoubles(data, batchSize, what);
  }

  /** Each array rounded to float32. */
  public static List<float[]> rounded(List<double[]> values) {
    return InferencePasses.rounded(values);
  }
}
