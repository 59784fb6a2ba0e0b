package dev.layerwise.tf;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Gradients;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.StepResult;
import dev.layerwise.spi.TensorValue;
import dev.layerwise.tf.lower.TfOptimizerLowering;
import dev.layerwise.tf.lower.TfScope;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * A model on TensorFlow: one graph, one session, and per step exactly one {@code Session.run} that feeds
 * preallocated tensors (features, labels, the step's learning rate and β-powers), fetches the loss and the
 * outputs, and runs the updates.
 */
final class TfModel<T extends TFloating> implements BackendModel {
  private final ModelSpec spec;
  private final TrainingConfig config;
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
    this.config = config;
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
    try {
      Map<String, TensorValue> zeros = new LinkedHashMap<>();
      g.slots.forEach((n, v) -> zeros.put(n, TensorValue.zeros(v.shape())));
      setOptimizerSlots(zeros);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private static float[] labels(Batch batch, String what) {
    checkArgument(batch.hasLabels(), "%s needs a labelled batch", what);
    return batch.y();
  }

  @Override
  public StepResult trainStep(Batch batch, double learningRate, long step) {
    checkOpen();
    int n = batch.size();
    scalars.write(TfOptimizerLowering.stepScalars(config.optimizer(), learningRate, step));
    try (Result r = session.runner()
        .feed(g.x, xFeeds.get(n).write(batch.x()).tensor())
        .feed(g.y, yFeeds.get(n).write(labels(batch, "trainStep")).tensor())
        .feed(g.stepScalars, scalars.tensor())
        .fetch(g.trainLoss).fetch(g.trainOutput).addTarget(g.trainOp)
        .run()) {
      return new StepResult(TfTensors.readScalar(r.get(0)), TfTensors.readFloats(r.get(1), n * outputSize));
    }
  }

  @Override
  public StepResult evaluate(Batch batch) {
    checkOpen();
    int n = batch.size();
    try (Result r = session.runner()
        .feed(g.x, xFeeds.get(n).write(batch.x()).tensor())
        .feed(g.y, yFeeds.get(n).write(labels(batch, "evaluate")).tensor())
        .fetch(g.inferenceLoss).fetch(g.inferenceOutput)
        .run()) {
      return new StepResult(TfTensors.readScalar(r.get(0)), TfTensors.readFloats(r.get(1), n * outputSize));
    }
  }

  @Override
  public float[] predict(Batch batch) {
    checkOpen();
    int n = batch.size();
    try (Result r = session.runner().feed(g.x, xFeeds.get(n).write(batch.x()).tensor())
        .fetch(g.inferenceOutput).run()) {
      return TfTensors.readFloats(r.get(0), n * outputSize);
    }
  }

  @Override
  public TensorValue forward(Batch batch, boolean training) {
    checkOpen();
    try (Result r = session.runner().feed(g.x, xFeeds.get(batch.size()).write(batch.x()).tensor())
        .fetch(training ? g.trainOutput : g.inferenceOutput).run()) {
      return TfTensors.toValue(r.get(0));
    }
  }

  @Override
  public Gradients lossGradients(Batch batch) {
    checkOpen();
    float[] y = labels(batch, "lossGradients");
    Output<?>[] grads = g.lossGradients();
    Session.Runner runner = session.runner()
        .feed(g.x, xFeeds.get(batch.size()).write(batch.x()).tensor())
        .feed(g.y, yFeeds.get(batch.size()).write(y).tensor())
        .fetch(g.trainLoss).fetch(g.trainOutput);
    return runGradients(runner, grads, 2, true);
  }

  @Override
  public Gradients outputGradients(Batch batch, TensorValue outputCotangent) {
    checkOpen();
    Shape expected = spec.outputShape().withBatch(batch.size());
    checkArgument(outputCotangent.shape().equals(expected), "outputGradients: cotangent must have shape %s, got %s",
        expected, outputCotangent.shape());
    Output<?>[] grads = g.outputGradients();
    try (Tensor r = TfTensors.create(isDouble, outputCotangent)) {
      Session.Runner runner = session.runner()
          .feed(g.x, xFeeds.get(batch.size()).write(batch.x()).tensor())
          .feed(g.cotangent(), r)
          .fetch(g.trainOutput);
      return runGradients(runner, grads, 1, false);
    }
  }

  /**
   * Fetches the gradient outputs after {@code skip} earlier fetches. {@code addGradients} may hand the same
   * Output to several inputs and TF refuses to fetch one output twice in a run, so fetches are de-duplicated.
   */
  private Gradients runGradients(Session.Runner runner, Output<?>[] grads, int skip, boolean hasLoss) {
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
      double loss = hasLoss ? TfTensors.readScalar(r.get(0)) : Double.NaN;
      TensorValue output = TfTensors.toValue(r.get(hasLoss ? 1 : 0));
      Map<String, TensorValue> dw = new LinkedHashMap<>();
      for (int i = 0; i < g.trainable.size(); i++) {
        dw.put(g.trainable.get(i), TfTensors.toValue(r.get(index.get(grads[i]))));
      }
      TensorValue dx = TfTensors.toValue(r.get(index.get(grads[grads.length - 1])));
      return new Gradients(loss, output, dx, dw);
    }
  }

  @Override
  public void applyGradients(Map<String, TensorValue> gradients, double learningRate, long step) {
    checkOpen();
    checkArgument(gradients.keySet().containsAll(g.trainable),
        "applyGradients: need a gradient for every trainable weight %s, got %s", g.trainable, gradients.keySet());
    List<Tensor> owned = new ArrayList<>();
    try {
      scalars.write(TfOptimizerLowering.stepScalars(config.optimizer(), learningRate, step));
      Session.Runner runner = session.runner().feed(g.stepScalars, scalars.tensor()).addTarget(g.trainOp);
      for (int i = 0; i < g.trainable.size(); i++) {
        String w = g.trainable.get(i);
        TensorValue v = gradients.get(w);
        checkArgument(v.shape().equals(g.weights.get(w).shape()), "applyGradients: '%s' has shape %s, got %s", w,
            g.weights.get(w).shape(), v.shape());
        Tensor t = TfTensors.create(isDouble, v);
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
    try (graph; session; scalars; xFeeds; yFeeds) {
      // closed in reverse order: feeds, session (waits for running steps), then the graph
    }
  }
}
