package dev.layerwise.tf;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Gradients;
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
 */
final class TfModel<T extends TFloating> implements BackendModel {
  private final ModelSpec spec;
  private final Graph graph;
  private final Session session;
  private final TfModelGraph<T> g;
  private final boolean isDouble;
  private final int featureSize;
  private final int labelSize;
  private final int outputSize;
  private final TfFeedCache xFeeds;
  private final TfFeedCache yFeeds;
  private final TfFeed scalars;
  /** The optimizer's β₁, β₂ (0 where unused) and the reused array the step scalars are written to. */
  private final double[] powerBases;
  private final double[] stepValues = new double[TfOptimizerLowering.STEP_SCALARS];
  /** Preallocated dropout-mask feeds per Dropout node, by batch size like the x/y feeds. */
  private final Map<String, TfFeedCache> maskFeeds = new LinkedHashMap<>();
  private boolean closed;

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
    this.graph = graph;
    this.g = g;
    this.isDouble = g.scope.isDouble();
    this.featureSize = spec.inputShape().size();
    this.labelSize = config.loss().labelShape(spec.outputShape()).size();
    this.outputSize = spec.outputShape().size();
    this.session = TfSessions.open(graph);
    this.xFeeds = new TfFeedCache(isDouble, spec.inputShape());
    this.yFeeds = new TfFeedCache(isDouble, config.loss().labelShape(spec.outputShape()));
    this.scalars = TfFeed.allocate(isDouble, TfOptimizerLowering.STEP_SCALARS);
    this.powerBases = TfOptimizerLowering.powerBases(config.optimizer());
    spec.nodes().stream().filter(node -> g.masks.containsKey(node.name()))
        .forEach(node -> maskFeeds.put(node.name(), new TfFeedCache(isDouble, node.inputShape())));
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
      int need = batch.size() * maskFeeds.get(node).sampleSize();
      checkArgument(m.length >= need, "%s: the mask of %s needs %s values (%s samples of %s), got %s", what,
          describe(node), need, batch.size(), maskFeeds.get(node).sample(), m.length);
      out.add(m);
    }
    return out;
  }

  private String describe(String node) {
    return spec.nodes().stream().filter(n -> n.name().equals(node)).findFirst().orElseThrow().layer().describe();
  }

  private void feedMasks(Session.Runner runner, List<float[]> masks, int n) {
    int i = 0;
    for (Map.Entry<String, Placeholder<T>> e : g.masks.entrySet()) {
      runner.feed(e.getValue(), maskFeeds.get(e.getKey()).get(n).write(masks.get(i++)).tensor());
    }
  }

  @Override
  public StepResult trainStep(Batch batch, double learningRate, long step) {
    checkOpen();
    g.requireDifferentiable("trainStep");
    checkStep(learningRate, step, "trainStep");
    int n = batch.size();
    float[] x = features(batch, "trainStep");
    float[] y = labels(batch, "trainStep");
    List<float[]> masks = masks(batch, "trainStep");
    writeStepScalars(learningRate, step);
    try {
      return runStep(trainingRunner(x, y, masks, n).addTarget(g.trainOp), g.trainLoss, g.trainOutput, n);
    } catch (TFInvalidArgumentException e) {
      NonFiniteStepException refused = g.guard.refusal(e, session, () -> trainingRunner(x, y, masks, n));
      throw refused != null ? refused : e;
    }
  }

  /** A run fed with one training step's features, labels, step scalars and dropout masks. */
  private Session.Runner trainingRunner(float[] x, float[] y, List<float[]> masks, int n) {
    Session.Runner runner = session.runner()
        .feed(g.x, xFeeds.get(n).write(x).tensor())
        .feed(g.y, yFeeds.get(n).write(y).tensor())
        .feed(g.stepScalars, scalars.tensor());
    feedMasks(runner, masks, n);
    return runner;
  }

  private static void checkStep(double learningRate, long step, String what) {
    checkArgument(Double.isFinite(learningRate) && learningRate >= 0,
        "%s: learningRate must be finite and non-negative, got %s", what, learningRate);
    checkArgument(step >= 1, "%s: step must be the 1-based index of the update (>= 1), got %s", what, step);
  }

  /** Learning rate and bias-correction powers βᵗ into the preallocated feed (no allocation). */
  private void writeStepScalars(double learningRate, long step) {
    scalars.write(TfOptimizerLowering.stepScalars(powerBases, learningRate, step, stepValues));
  }

  @Override
  public StepResult evaluate(Batch batch) {
    checkOpen();
    int n = batch.size();
    float[] x = features(batch, "evaluate");
    float[] y = labels(batch, "evaluate");
    Session.Runner runner = session.runner()
        .feed(g.x, xFeeds.get(n).write(x).tensor())
        .feed(g.y, yFeeds.get(n).write(y).tensor());
    return runStep(runner, g.inferenceLoss, g.inferenceOutput, n);
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
    checkOpen();
    int n = batch.size();
    float[] x = features(batch, "predict");
    try (Result r = session.runner().feed(g.x, xFeeds.get(n).write(x).tensor())
        .fetch(g.inferenceOutput).run()) {
      return TfTensors.readFloats(r.get(0), n * outputSize);
    }
  }

  @Override
  public TensorValue forward(Batch batch, boolean training) {
    checkOpen();
    int n = batch.size();
    float[] x = features(batch, "forward");
    List<float[]> masks = training ? masks(batch, "forward(training)") : List.of();
    Session.Runner runner = session.runner().feed(g.x, xFeeds.get(n).write(x).tensor());
    if (training) {
      feedMasks(runner, masks, n);
    }
    try (Result r = runner.fetch(training ? g.trainOutput : g.inferenceOutput).run()) {
      return TfTensors.toValue(r.get(0));
    }
  }

  @Override
  public Gradients lossGradients(Batch batch) {
    checkOpen();
    g.requireDifferentiable("lossGradients");
    int n = batch.size();
    float[] x = features(batch, "lossGradients");
    float[] y = labels(batch, "lossGradients");
    List<float[]> masks = masks(batch, "lossGradients");
    Output<?>[] grads = g.lossGradients();
    Session.Runner runner = session.runner()
        .feed(g.x, xFeeds.get(n).write(x).tensor())
        .feed(g.y, yFeeds.get(n).write(y).tensor())
        .fetch(g.trainOutput).fetch(g.trainLoss);
    feedMasks(runner, masks, n);
    if (g.regularization != null) {
      runner.fetch(g.regularization);
    }
    return runGradients(runner, grads, g.regularization != null ? 3 : 2);
  }

  @Override
  public Gradients outputGradients(Batch batch, TensorValue outputCotangent, boolean training) {
    checkOpen();
    String what = training ? "outputGradients(training)" : "outputGradients(inference)";
    g.requireDifferentiable(what);
    int n = batch.size();
    Shape expected = spec.outputShape().withBatch(n);
    checkArgument(outputCotangent.shape().equals(expected), "%s: cotangent must have shape %s, got %s", what,
        expected, outputCotangent.shape());
    float[] x = features(batch, what);
    List<float[]> masks = training ? masks(batch, what) : List.of();
    Output<?>[] grads = g.outputGradients(training);
    Placeholder<T> cotangent = g.cotangent();
    try (Tensor r = TfTensors.create(isDouble, outputCotangent)) {
      Session.Runner runner = session.runner()
          .feed(g.x, xFeeds.get(n).write(x).tensor())
          .feed(cotangent, r)
          .fetch(training ? g.trainOutput : g.inferenceOutput);
      if (training) {
        feedMasks(runner, masks, n);
      }
      return runGradients(runner, grads, 1);
    }
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
    checkOpen();
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
      Session.Runner runner = session.runner().feed(g.stepScalars, scalars.tensor()).addTarget(g.applyOp);
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
    checkOpen();
    return read(g.weights);
  }

  @Override
  public void setWeights(Map<String, TensorValue> values) {
    checkOpen();
    assign(g.weights, values, "weight");
  }

  @Override
  public Map<String, TensorValue> optimizerSlots() {
    checkOpen();
    return read(g.slots);
  }

  @Override
  public void setOptimizerSlots(Map<String, TensorValue> values) {
    checkOpen();
    assign(g.slots, values, "optimizer slot");
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

  private void checkOpen() {
    checkState(!closed, "TF model '%s' is closed", spec.name());
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    maskFeeds.values().forEach(TfFeedCache::close);
    try (graph; session; scalars; xFeeds; yFeeds) {
      // closed in reverse order: feeds, session (waits for running steps), then the graph
    }
  }
}
