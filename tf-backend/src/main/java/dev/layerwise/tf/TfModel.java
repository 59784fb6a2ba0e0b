package dev.layerwise.tf;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import dev.layerwise.Shape;
import dev.layerwise.ThreadBudget;
import dev.layerwise.TrainingConfig;
import dev.layerwise.data.Dataset;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Gradients;
import dev.layerwise.spi.LeakNet;
import dev.layerwise.spi.ModelLock;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.NonFiniteStepException;
import dev.layerwise.spi.StepChunks;
import dev.layerwise.spi.StepResult;
import dev.layerwise.spi.TensorValue;
import dev.layerwise.tf.lower.TfOptimizerLowering;
import dev.layerwise.tf.lower.TfScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.family.TFloating;

/**
 * A model on TensorFlow: one graph, one session, and per step exactly one {@code Session.run} that feeds
 * preallocated tensors (features, labels, dropout masks, the step's learning rate and β-powers), fetches the
 * loss, the regularization penalty and the outputs, and runs the updates (weights and batch-norm statistics).
 * Every argument is checked in Java before anything is fed. A fit may instead run K steps per {@code Session.run} on
 * data held in the session ({@link TfMultiStep}).
 *
 * <p>Threads: every call goes through a {@link ModelLock}. Reads run concurrently, each on feed tensors borrowed
 * from {@link TfFeedPool}s for its own run (TF's {@code Session.run} is thread-safe; a shared feed tensor is not);
 * updates, setting weights and adding gradient ops to the graph (done lazily, on the first gradient call) run
 * alone. The native memory lives in {@link TfModelResources}, which the {@link LeakNet} frees if the model is
 * forgotten.
 */
final class TfModel<T extends TFloating> implements BackendModel {
  private final ModelSpec spec;
  private final Session session;
  private final TfModelGraph<T> g;
  private final TfModelResources res;
  private final TfBatchFeeds<T> feeds;
  private final ModelLock lock;
  private final LeakNet.Registration registration;
  private final boolean isDouble;
  private final int[] outputSizes;
  /** The optimizer's β₁, β₂ (0 where unused) and the reused array the step scalars are written to. */
  private final double[] powerBases;
  private final double[] stepValues = new double[TfOptimizerLowering.STEP_SCALARS];
  private final TfMultiStep<T> multiStep;

  /** @param threads the model's thread budget, or {@code null} for the JVM-wide pools ({@link TfThreads}) */
  static BackendModel create(ModelSpec spec, TrainingConfig config, ThreadBudget threads) {
    Graph graph = new Graph();
    try {
      return build(spec, config, graph, TfScope.of(Ops.create(graph), config.dtype()), threads);
    } catch (RuntimeException | Error e) {
      graph.close();
      throw e;
    }
  }

  private static <T extends TFloating> TfModel<T> build(ModelSpec spec, TrainingConfig config, Graph graph,
      TfScope<T> scope, ThreadBudget threads) {
    return new TfModel<>(spec, config, graph, new TfModelGraph<>(graph, scope, spec, config), threads);
  }

  private TfModel(ModelSpec spec, TrainingConfig config, Graph graph, TfModelGraph<T> g, ThreadBudget threads) {
    this.spec = spec;
    this.g = g;
    this.isDouble = g.scope.isDouble();
    this.outputSizes = spec.outputShapes().stream().mapToInt(dev.layerwise.Shape::size).toArray();
    this.powerBases = TfOptimizerLowering.powerBases(config.optimizer());
    this.res = TfModelResources.open(graph, g, spec, config, threads);
    this.feeds = new TfBatchFeeds<>(spec, g, res);
    this.session = res.session;
    String name = "TF model '" + spec.name() + "'";
    this.lock = new ModelLock(name);
    this.multiStep = new TfMultiStep<>(g, config, res, lock, outputSizes, powerBases);
    this.registration = LeakNet.register(this, name, res);
    try {
      Map<String, TensorValue> initial = new LinkedHashMap<>();
      g.slots.forEach((n, v) -> {
        double[] values = new double[v.shape().size()];
        Arrays.fill(values, g.slotInitialValues.get(n));
        initial.put(n, new TensorValue(v.shape(), values));
      });
      setOptimizerSlots(initial);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  public StepResult trainStep(Batch batch, double learningRate, long step) {
    return lock.write("trainStep", () -> {
      g.requireDifferentiable("trainStep");
      checkStep(learningRate, step, "trainStep");
      TfBatchFeeds.Fed fed = feeds.check(batch, "trainStep", true, true);
      writeStepScalars(learningRate, step);
      try (TfFeedPool.Loans loans = new TfFeedPool.Loans()) {
        Supplier<Session.Runner> runner = () -> feeds.runner(session, loans, fed)
            .feed(g.stepScalars, res.stepScalars.tensor());
        try {
          return runStep(runner.get().addTarget(g.trainOp), g.trainLoss, g.trainOutputs, g.trainOutputLosses,
              fed.size());
        } catch (TFInvalidArgumentException e) {
          NonFiniteStepException refused = g.guard.refusal(e, session, runner); // a second, diagnostic run if so
          throw refused != null ? refused : e;
        }
      }
    });
  }

  /** K steps per run on the data held in the session ({@link TfMultiStep}). */
  @Override
  public Optional<StepChunks> stepChunks(Dataset data, int batchSize, int steps) {
    checkArgument(steps >= 2 && batchSize >= 1, "stepChunks: need steps >= 2 and batchSize >= 1, got %s and %s",
        steps, batchSize);
    return lock.write("fit", () -> multiStep.offer(data, batchSize, steps));
  }

  @Override
  public boolean prefersLargeCalls() {
    return true;
  }

  private static void checkStep(double learningRate, long step, String what) {
    checkArgument(Double.isFinite(learningRate) && learningRate >= 0,
        "%s: learningRate must be finite and non-negative, got %s", what, learningRate);
    checkArgument(step >= 1, "%s: step must be the 1-based index of the update (>= 1), got %s", what, step);
  }

  /** Learning rate and bias-correction powers βᵗ into the preallocated feed (no allocation). */
  private void writeStepScalars(double learningRate, long step) {
    res.stepScalars.write(TfOptimizerLowering.stepScalars(powerBases, learningRate, step, stepValues));
  }

  @Override
  public StepResult evaluate(Batch batch) {
    return lock.read("evaluate", () -> {
      TfBatchFeeds.Fed fed = feeds.check(batch, "evaluate", true, false);
      try (TfFeedPool.Loans loans = new TfFeedPool.Loans()) {
        return runStep(feeds.runner(session, loans, fed), g.inferenceLoss, g.inferenceOutputs,
            g.inferenceOutputLosses, fed.size());
      }
    });
  }

  /**
   * Fetches the objective, the outputs, each output's loss (with several outputs; one output's loss is the objective
   * less the penalty) and the penalty (when there is one) in one run.
   */
  private StepResult runStep(Session.Runner runner, Operand<T> loss, List<Operand<T>> outputs,
      List<Operand<T>> outputLosses, int n) {
    runner.fetch(loss);
    outputs.forEach(runner::fetch);
    boolean several = outputs.size() > 1;
    if (several) {
      outputLosses.forEach(runner::fetch);
    }
    if (g.regularization != null) {
      runner.fetch(g.regularization);
    }
    try (Result r = runner.run()) {
      int m = outputs.size();
      double total = TfTensors.readScalar(r.get(0));
      double penalty = g.regularization != null ? TfTensors.readScalar(r.get(1 + m + (several ? m : 0))) : 0;
      List<float[]> values = new ArrayList<>(m);
      double[] perOutput = new double[m];
      for (int k = 0; k < m; k++) {
        values.add(TfTensors.readFloats(r.get(1 + k), n * outputSizes[k]));
        perOutput[k] = several ? TfTensors.readScalar(r.get(1 + m + k)) : total - penalty;
      }
      return new StepResult(total, penalty, perOutput, values);
    }
  }

  @Override
  public List<float[]> predictOutputs(Batch batch) {
    return lock.read("predict", () -> {
      TfBatchFeeds.Fed fed = feeds.check(batch, "predict", false, false);
      try (TfFeedPool.Loans loans = new TfFeedPool.Loans()) {
        Session.Runner runner = feeds.runner(session, loans, fed);
        g.inferenceOutputs.forEach(runner::fetch);
        try (Result r = runner.run()) {
          List<float[]> out = new ArrayList<>(outputSizes.length);
          for (int k = 0; k < outputSizes.length; k++) {
            out.add(TfTensors.readFloats(r.get(k), fed.size() * outputSizes[k]));
          }
          return out;
        }
      }
    });
  }

  @Override
  public List<TensorValue> forwardOutputs(Batch batch, boolean training) {
    return lock.read("forward", () -> {
      TfBatchFeeds.Fed fed = feeds.check(batch, training ? "forward(training)" : "forward", false, training);
      try (TfFeedPool.Loans loans = new TfFeedPool.Loans()) {
        Session.Runner runner = feeds.runner(session, loans, fed);
        (training ? g.trainOutputs : g.inferenceOutputs).forEach(runner::fetch);
        try (Result r = runner.run()) {
          List<TensorValue> out = new ArrayList<>(outputSizes.length);
          for (int k = 0; k < outputSizes.length; k++) {
            out.add(TfTensors.toValue(r.get(k)));
          }
          return out;
        }
      }
    });
  }

  @Override
  public List<TensorValue> forwardNodes(Batch batch, boolean training, List<String> nodes) {
    Map<String, Operand<T>> made = training ? g.trainNodes : g.inferenceNodes;
    for (String node : nodes) {
      checkArgument(made.containsKey(node), "forwardNodes: model '%s' has no node '%s'; its nodes are %s",
          spec.name(), node, made.keySet());
    }
    return lock.read("forward", () -> {
      TfBatchFeeds.Fed fed = feeds.check(batch, training ? "forward(training)" : "forward", false, training);
      try (TfFeedPool.Loans loans = new TfFeedPool.Loans()) {
        Session.Runner runner = feeds.runner(session, loans, fed);
        // TF refuses to fetch one tensor twice in a run, and several nodes may share one (inference-mode dropout).
        Map<Operand<T>, Integer> fetched = new IdentityHashMap<>();
        int[] at = new int[nodes.size()];
        for (int k = 0; k < at.length; k++) {
          Operand<T> op = made.get(nodes.get(k));
          Integer i = fetched.get(op);
          if (i == null) {
            i = fetched.size();
            fetched.put(op, i);
            runner.fetch(op);
          }
          at[k] = i;
        }
        try (Result r = runner.run()) {
          List<TensorValue> out = new ArrayList<>(at.length);
          for (int i : at) {
            out.add(TfTensors.toValue(r.get(i)));
          }
          return out;
        }
      }
    });
  }

  @Override
  public Gradients lossGradients(Batch batch) {
    // Adding ops to the graph while other threads run it is not safe: the first call builds them alone.
    Output<?>[] grads = lock.write("lossGradients", g::lossGradients);
    return lock.read("lossGradients", () -> {
      TfBatchFeeds.Fed fed = feeds.check(batch, "lossGradients", true, true);
      try (TfFeedPool.Loans loans = new TfFeedPool.Loans()) {
        Session.Runner runner = feeds.runner(session, loans, fed);
        g.trainOutputs.forEach(runner::fetch);
        runner.fetch(g.trainLoss);
        if (outputSizes.length > 1) {
          g.trainOutputLosses.forEach(runner::fetch);
        }
        if (g.regularization != null) {
          runner.fetch(g.regularization);
        }
        return runGradients(runner, grads, true);
      }
    });
  }

  @Override
  public Gradients outputGradients(Batch batch, List<TensorValue> outputCotangents, boolean training) {
    String what = training ? "outputGradients(training)" : "outputGradients(inference)";
    Output<?>[] grads = lock.write(what, () -> {
      g.requireDifferentiable(what);
      return g.outputGradients(training);
    });
    List<Placeholder<T>> cotangents = lock.write(what, g::cotangents);
    return lock.read(what, () -> {
      int n = batch.size();
      checkArgument(outputCotangents.size() == outputSizes.length, "%s: model '%s' has %s outputs, got %s"
          + " cotangents", what, spec.name(), outputSizes.length, outputCotangents.size());
      for (int k = 0; k < outputSizes.length; k++) {
        dev.layerwise.Shape expected = spec.outputShapes().get(k).withBatch(n);
        checkArgument(outputCotangents.get(k).shape().equals(expected), "%s: cotangent must have shape %s, got %s",
            what, expected, outputCotangents.get(k).shape());
      }
      TfBatchFeeds.Fed fed = feeds.check(batch, what, false, training);
      List<Tensor> owned = new ArrayList<>();
      try (TfFeedPool.Loans loans = new TfFeedPool.Loans()) {
        Session.Runner runner = feeds.runner(session, loans, fed);
        for (int k = 0; k < outputSizes.length; k++) {
          Tensor r = TfTensors.create(isDouble, outputCotangents.get(k));
          owned.add(r);
          runner.feed(cotangents.get(k), r);
        }
        (training ? g.trainOutputs : g.inferenceOutputs).forEach(runner::fetch);
        return runGradients(runner, grads, false);
      } finally {
        owned.forEach(Tensor::close);
      }
    });
  }

  /**
   * Fetches the gradient outputs after the earlier fetches: the outputs, then, for loss gradients, the objective,
   * each output's loss (with several outputs) and the penalty if there is one. {@code addGradients} may hand the same
   * Output to several inputs and TF refuses to fetch one output twice in a run, so fetches are de-duplicated. The gradients are laid
   * out as {@link TfModelGraph#lossGradients}: every trainable weight, then every input.
   */
  private Gradients runGradients(Session.Runner runner, Output<?>[] grads, boolean withLoss) {
    int m = outputSizes.length;
    int losses = m > 1 ? m : 0;
    int skip = m + (withLoss ? 1 + losses + (g.regularization != null ? 1 : 0) : 0);
    Map<Output<?>, Integer> index = new IdentityHashMap<>();
    List<Output<?>> unique = new ArrayList<>();
    for (Output<?> o : grads) {
      checkState(o != null && !o.isClosed(), "TF returned no gradient for an input of the model");
      if (index.putIfAbsent(o, skip + unique.size()) == null) {
        unique.add(o);
        runner.fetch(o);
      }
    }
    try (Result r = runner.run()) {
      List<TensorValue> outputs = new ArrayList<>(m);
      for (int k = 0; k < m; k++) {
        outputs.add(TfTensors.toValue(r.get(k)));
      }
      double loss = withLoss ? TfTensors.readScalar(r.get(m)) : Double.NaN;
      double penalty = !withLoss ? Double.NaN
          : g.regularization != null ? TfTensors.readScalar(r.get(m + 1 + losses)) : 0;
      List<Double> perOutput = new ArrayList<>();
      for (int k = 0; withLoss && k < m; k++) {
        perOutput.add(losses > 0 ? TfTensors.readScalar(r.get(m + 1 + k)) : loss - penalty);
      }
      Map<String, TensorValue> dw = new LinkedHashMap<>();
      for (int i = 0; i < g.trainable.size(); i++) {
        dw.put(g.trainable.get(i), TfTensors.toValue(r.get(index.get(grads[i]))));
      }
      List<TensorValue> dx = new ArrayList<>();
      for (int k = 0; k < g.xs.size(); k++) {
        dx.add(TfTensors.toValue(r.get(index.get(grads[g.trainable.size() + k]))));
      }
      return new Gradients(loss, penalty, perOutput, outputs, dx, dw);
    }
  }

  @Override
  public void applyGradients(Map<String, TensorValue> gradients, double learningRate, long step) {
    lock.write("applyGradients", () -> apply(gradients, learningRate, step));
  }

  private void apply(Map<String, TensorValue> gradients, double learningRate, long step) {
    g.requireDifferentiable("applyGradients");
    checkStep(learningRate, step, "applyGradients");
    checkArgument(gradients.keySet().containsAll(g.trainable),
        "applyGradients: need a gradient for every trainable weight %s, got %s", g.trainable, gradients.keySet());
    for (String w : g.trainable) {
      checkArgument(gradients.get(w).shape().equals(g.weights.get(w).shape()),
          "applyGradients: '%s' has shape %s, got a gradient of shape %s", w, g.weights.get(w).shape(),
          gradients.get(w).shape());
    }
    List<Tensor> owned = new ArrayList<>();
    try {
      writeStepScalars(learningRate, step);
      Session.Runner runner = session.runner().feed(g.stepScalars, res.stepScalars.tensor()).addTarget(g.applyOp);
      for (int i = 0; i < g.trainable.size(); i++) {
        Tensor t = TfTensors.create(isDouble, gradients.get(g.trainable.get(i)));
        owned.add(t);
        runner.feed(g.gatedGradients.get(i), t);
      }
      runner.run();
    } finally {
      owned.forEach(Tensor::close);
    }
  }

  @Override
  public Map<String, TensorValue> weights() {
    return lock.read("weights", () -> read(g.weights));
  }

  @Override
  public void setWeights(Map<String, TensorValue> values) {
    lock.write("setWeights", () -> assign(g.weights, values, "weight"));
  }

  @Override
  public Map<String, TensorValue> optimizerSlots() {
    return lock.read("optimizerSlots", () -> read(g.slots));
  }

  @Override
  public void setOptimizerSlots(Map<String, TensorValue> values) {
    lock.write("setOptimizerSlots", () -> assign(g.slots, values, "optimizer slot"));
  }

  private Map<String, TensorValue> read(Map<String, TfVariable<T>> vars) {
    Map<String, TensorValue> out = new LinkedHashMap<>();
    if (vars.isEmpty()) {
      return out;
    }
    Session.Runner runner = session.runner();
    vars.values().forEach(v -> runner.fetch(v.variable()));
    try (Result r = runner.run()) {
      int i = 0;
      for (TfVariable<T> v : vars.values()) {
        out.put(v.name(), new TensorValue(v.shape(), TfTensors.readDoubles(r.get(i++))));
      }
    }
    return out;
  }

  private void assign(Map<String, TfVariable<T>> vars, Map<String, TensorValue> values, String what) {
    try {
      TfVariable.assignAll(session, vars, values, isDouble);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("model '" + spec.name() + "', " + what + ": " + e.getMessage(), e);
    }
  }

  /** Waits for the calls in flight, then frees the graph, session and feeds. Idempotent. */
  @Override
  public void close() {
    lock.close(registration::close);
  }

  /** The native memory, for tests of the leak net (holding it does not keep the model reachable). */
  TfModelResources resources() {
    return res;
  }
}
