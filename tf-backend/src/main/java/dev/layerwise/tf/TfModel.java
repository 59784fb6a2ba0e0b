package dev.layerwise.tf;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Gradients;
import dev.layerwise.spi.LeakNet;
import dev.layerwise.spi.ModelLock;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.NonFiniteStepException;
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
 * Every argument is checked in Java before anything is fed.
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
  private final ModelLock lock;
  private final LeakNet.Registration registration;
  private final boolean isDouble;
  private final int featureSize;
  private final int labelSize;
  private final int outputSize;
  /** The optimizer's β₁, β₂ (0 where unused) and the reused array the step scalars are written to. */
  private final double[] powerBases;
  private final double[] stepValues = new double[TfOptimizerLowering.STEP_SCALARS];

  static BackendModel create(ModelSpec spec, TrainingConfig config) {
    Graph graph = new Graph();
    try {
      return build(spec, config, graph, TfScope.of(Ops.create(graph), config.dtype()));
    } catch (RuntimeException | Error e) {
      graph.close();
      throw e;
    }
  }

  private static <T extends TFloating> TfModel<T> build(ModelSpec spec, TrainingConfig config, Graph graph,
      TfScope<T> scope) {
    return new TfModel<>(spec, config, graph, new TfModelGraph<>(graph, scope, spec, config));
  }

  private TfModel(ModelSpec spec, TrainingConfig config, Graph graph, TfModelGraph<T> g) {
    this.spec = spec;
    this.g = g;
    this.isDouble = g.scope.isDouble();
    this.featureSize = spec.inputShape().size();
    this.labelSize = config.loss().labelShape(spec.outputShape()).size();
    this.outputSize = spec.outputShape().size();
    this.powerBases = TfOptimizerLowering.powerBases(config.optimizer());
    this.res = TfModelResources.open(graph, g, spec, config);
    this.session = res.session;
    String name = "TF model '" + spec.name() + "'";
    this.lock = new ModelLock(name);
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

  private float[] labels(Batch batch, String what) {
    checkArgument(batch.hasLabels(), "%s needs a labelled batch", what);
    checkArgument(batch.y().length >= batch.size() * labelSize, "%s: %s samples need %s label values, got %s",
        what, batch.size(), batch.size() * labelSize, batch.y().length);
    return batch.y();
  }

  private float[] features(Batch batch, String what) {
    checkArgument(batch.x().length >= batch.size() * featureSize, "%s: %s samples of shape %s need %s feature"
        + " values, got %s", what, batch.size(), spec.inputShape(), batch.size() * featureSize, batch.x().length);
    return batch.x();
  }

  /**
   * The dropout mask of every Dropout node for a training-mode pass, checked in Java before anything is fed:
   * each must be present and hold one value per element of the node's input.
   */
  private List<float[]> masks(Batch batch, String what) {
    if (g.masks.isEmpty()) {
      return List.of();
    }
    List<float[]> out = new ArrayList<>(g.masks.size());
    for (String node : g.masks.keySet()) {
      float[] m;
      try {
        m = batch.mask(node);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(what + ": " + describe(node) + " runs in training mode and needs its mask: "
            + e.getMessage(), e);
      }
      int need = batch.size() * res.masks.get(node).sampleSize();
      checkArgument(m.length >= need, "%s: the mask of %s needs %s values (%s samples of %s), got %s", what,
          describe(node), need, batch.size(), res.masks.get(node).sample(), m.length);
      out.add(m);
    }
    return out;
  }

  private String describe(String node) {
    return spec.nodes().stream().filter(n -> n.name().equals(node)).findFirst().orElseThrow().layer().describe();
  }

  private void feedMasks(Session.Runner runner, TfFeedPool.Loans feeds, List<float[]> masks, int n) {
    int i = 0;
    for (Map.Entry<String, Placeholder<T>> e : g.masks.entrySet()) {
      runner.feed(e.getValue(), feeds.fill(res.masks.get(e.getKey()), n, masks.get(i++)).tensor());
    }
  }

  /** A runner fed with the batch's features (and labels, when given) from feeds borrowed for this run. */
  private Session.Runner runner(TfFeedPool.Loans feeds, int n, float[] x, float[] y) {
    Session.Runner runner = session.runner().feed(g.x, feeds.fill(res.x, n, x).tensor());
    return y == null ? runner : runner.feed(g.y, feeds.fill(res.y, n, y).tensor());
  }

  @Override
  public StepResult trainStep(Batch batch, double learningRate, long step) {
    return lock.write("trainStep", () -> {
      g.requireDifferentiable("trainStep");
      checkStep(learningRate, step, "trainStep");
      int n = batch.size();
      float[] x = features(batch, "trainStep");
      float[] y = labels(batch, "trainStep");
      List<float[]> masks = masks(batch, "trainStep");
      writeStepScalars(learningRate, step);
      try (TfFeedPool.Loans feeds = new TfFeedPool.Loans()) {
        Supplier<Session.Runner> fed = () -> {
          Session.Runner runner = runner(feeds, n, x, y).feed(g.stepScalars, res.stepScalars.tensor());
          feedMasks(runner, feeds, masks, n);
          return runner;
        };
        try {
          return runStep(fed.get().addTarget(g.trainOp), g.trainLoss, g.trainOutput, n);
        } catch (TFInvalidArgumentException e) {
          NonFiniteStepException refused = g.guard.refusal(e, session, fed); // a second, diagnostic run if so
          throw refused != null ? refused : e;
        }
      }
    });
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
      int n = batch.size();
      float[] x = features(batch, "evaluate");
      float[] y = labels(batch, "evaluate");
      try (TfFeedPool.Loans feeds = new TfFeedPool.Loans()) {
        return runStep(runner(feeds, n, x, y), g.inferenceLoss, g.inferenceOutput, n);
      }
    });
  }

  /** Fetches loss, penalty (when there is one) and outputs in one run. */
  private StepResult runStep(Session.Runner runner, Operand<T> loss, Operand<T> output, int n) {
    runner.fetch(loss).fetch(output);
    if (g.regularization != null) {
      runner.fetch(g.regularization);
    }
    try (Result r = runner.run()) {
      double penalty = g.regularization != null ? TfTensors.readScalar(r.get(2)) : 0;
      return new StepResult(TfTensors.readScalar(r.get(0)), penalty, TfTensors.readFloats(r.get(1), n * outputSize));
    }
  }

  @Override
  public float[] predict(Batch batch) {
    return lock.read("predict", () -> {
      int n = batch.size();
      float[] x = features(batch, "predict");
      try (TfFeedPool.Loans feeds = new TfFeedPool.Loans();
          Result r = runner(feeds, n, x, null).fetch(g.inferenceOutput).run()) {
        return TfTensors.readFloats(r.get(0), n * outputSize);
      }
    });
  }

  @Override
  public TensorValue forward(Batch batch, boolean training) {
    return lock.read("forward", () -> {
      int n = batch.size();
      float[] x = features(batch, "forward");
      List<float[]> masks = training ? masks(batch, "forward(training)") : List.of();
      try (TfFeedPool.Loans feeds = new TfFeedPool.Loans()) {
        Session.Runner runner = runner(feeds, n, x, null);
        if (training) {
          feedMasks(runner, feeds, masks, n);
        }
        try (Result r = runner.fetch(training ? g.trainOutput : g.inferenceOutput).run()) {
          return TfTensors.toValue(r.get(0));
        }
      }
    });
  }

  @Override
  public Gradients lossGradients(Batch batch) {
    // Adding ops to the graph while other threads run it is not safe: the first call builds them alone.
    Output<?>[] grads = lock.write("lossGradients", g::lossGradients);
    return lock.read("lossGradients", () -> {
      int n = batch.size();
      float[] x = features(batch, "lossGradients");
      float[] y = labels(batch, "lossGradients");
      List<float[]> masks = masks(batch, "lossGradients");
      try (TfFeedPool.Loans feeds = new TfFeedPool.Loans()) {
        Session.Runner runner = runner(feeds, n, x, y).fetch(g.trainOutput).fetch(g.trainLoss);
        feedMasks(runner, feeds, masks, n);
        if (g.regularization != null) {
          runner.fetch(g.regularization);
        }
        return runGradients(runner, grads, g.regularization != null ? 3 : 2);
      }
    });
  }

  @Override
  public Gradients outputGradients(Batch batch, TensorValue outputCotangent, boolean training) {
    String what = training ? "outputGradients(training)" : "outputGradients(inference)";
    Output<?>[] grads = lock.write(what, () -> {
      g.requireDifferentiable(what);
      return g.outputGradients(training);
    });
    Placeholder<T> cotangent = lock.write(what, g::cotangent);
    return lock.read(what, () -> {
      int n = batch.size();
      Shape expected = spec.outputShape().withBatch(n);
      checkArgument(outputCotangent.shape().equals(expected), "%s: cotangent must have shape %s, got %s", what,
          expected, outputCotangent.shape());
      float[] x = features(batch, what);
      List<float[]> masks = training ? masks(batch, what) : List.of();
      try (TfFeedPool.Loans feeds = new TfFeedPool.Loans();
          Tensor r = TfTensors.create(isDouble, outputCotangent)) {
        Session.Runner runner = runner(feeds, n, x, null).feed(cotangent, r)
            .fetch(training ? g.trainOutput : g.inferenceOutput);
        if (training) {
          feedMasks(runner, feeds, masks, n);
        }
        return runGradients(runner, grads, 1);
      }
    });
  }

  /**
   * Fetches the gradient outputs after {@code skip} earlier fetches (output, then loss and penalty if fetched).
   * {@code addGradients} may hand the same Output to several inputs and TF refuses to fetch one output twice in a
   * run, so fetches are de-duplicated.
   */
  private Gradients runGradients(Session.Runner runner, Output<?>[] grads, int skip) {
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
      TensorValue output = TfTensors.toValue(r.get(0));
      double loss = skip > 1 ? TfTensors.readScalar(r.get(1)) : Double.NaN;
      double penalty = skip > 2 ? TfTensors.readScalar(r.get(2)) : skip > 1 ? 0 : Double.NaN;
      Map<String, TensorValue> dw = new LinkedHashMap<>();
      for (int i = 0; i < g.trainable.size(); i++) {
        dw.put(g.trainable.get(i), TfTensors.toValue(r.get(index.get(grads[i]))));
      }
      TensorValue dx = TfTensors.toValue(r.get(index.get(grads[grads.length - 1])));
      return new Gradients(loss, penalty, output, dx, dw);
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
