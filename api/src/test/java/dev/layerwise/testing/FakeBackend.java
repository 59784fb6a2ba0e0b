package dev.layerwise.testing;

import static java.util.Objects.requireNonNull;

import dev.layerwise.Backend;
import dev.layerwise.SavedModelExport;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.Capability;
import dev.layerwise.spi.Gradients;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.NonFiniteStepException;
import dev.layerwise.spi.SavedModelExporter;
import dev.layerwise.spi.StepResult;
import dev.layerwise.spi.TensorValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;

/**
 * A backend for api unit tests: it does no maths. Its models record every call they receive (with copies of the
 * samples, since the training loop reuses its batch buffers) and answer with scripted losses and outputs, so a
 * test can check what the api's loop sends to a backend and what it makes of the answers.
 *
 * <p>Deliberately not registered in {@code META-INF/services}: the api test-jar is on the class path of every
 * backend module, where {@code Backend.available()} must list only real backends. Tests pass it explicitly to
 * {@code Sequential.compile}.
 *
 * <pre>{@code
 * FakeBackend fake = new FakeBackend().trainLoss(call -> call.step());
 * try (CompiledModel m = model.compile(fake, Optimizer.sgd(0.1), loss)) {
 *   m.fit(data, FitOptions.builder().quiet().build());
 *   fake.onlyModel().calls("trainStep");
 * }
 * }</pre>
 */
public final class FakeBackend implements Backend {

  /**
   * One call a fake model received.
   *
   * @param method the {@link BackendModel} method's name
   * @param x the batch's features, copied, exactly {@code size × featureSize} values (null if there was no batch)
   * @param y the batch's labels, copied, exactly {@code size × labelSize} values (null if the batch had none)
   * @param size samples in the batch (0 if there was no batch)
   * @param learningRate as passed ({@code NaN} for calls that take none)
   * @param step as passed (0 for calls that take none)
   * @param masks the batch's dropout masks (empty if none)
   * @param xs every input's features, copied (x is the first); empty if there was no batch
   * @param ys every output's labels, copied (y is the first); empty if the batch had none
   * @param sampleWeights the batch's sample weights, copied, exactly {@code size} values (null if it had none)
   */
  public record Call(String method, float[] x, float[] y, int size, double learningRate, long step,
      Map<String, float[]> masks, List<float[]> xs, List<float[]> ys, double[] sampleWeights) {
    /** Feature j of sample i of this call's batch. */
    public float feature(int sample, int j) {
      return x[sample * (x.length / size) + j];
    }

    /** Label value j of sample i of this call's batch. */
    public float label(int sample, int j) {
      return y[sample * (y.length / size) + j];
    }
  }

  /** One SavedModel export request. */
  public record Export(ModelSpec spec, Map<String, TensorValue> weights, SavedModelExport options) {}

  private final String name;
  private final Set<Capability> capabilities;
  private final List<FakeModel> models = new ArrayList<>();
  private final List<Export> exports = new ArrayList<>();
  private ToDoubleFunction<Call> trainLoss = call -> 1.0;
  private ToDoubleFunction<Call> evaluateLoss = call -> 1.0;
  private BiFunction<Call, Integer, float[]> outputs = (call, outputSize) -> new float[call.size() * outputSize];
  private RuntimeException setWeightsFailure;
  private boolean applyNonFiniteSteps;

  /** A backend named {@code fake} with no capabilities. */
  public FakeBackend() {
    this("fake", Set.of());
  }

  public FakeBackend(String name, Set<Capability> capabilities) {
    this.name = requireNonNull(name, "name");
    this.capabilities = capabilities.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(capabilities));
  }

  /** The loss each {@code trainStep} returns (default 1.0). */
  public FakeBackend trainLoss(ToDoubleFunction<Call> script) {
    this.trainLoss = requireNonNull(script);
    return this;
  }

  /** The loss each {@code evaluate} returns (default 1.0). */
  public FakeBackend evaluateLoss(ToDoubleFunction<Call> script) {
    this.evaluateLoss = requireNonNull(script);
    return this;
  }

  /**
   * The outputs of {@code trainStep}, {@code evaluate}, {@code predict} and {@code forward}: given the call and
   * an output's size, {@code size × outputSize} values (default zeros); called once per output.
   */
  public FakeBackend outputs(BiFunction<Call, Integer, float[]> script) {
    this.outputs = requireNonNull(script);
    return this;
  }

  /**
   * Makes {@code trainStep} return a non-finite scripted loss instead of refusing the step, as a backend breaking
   * the {@code BackendModel.trainStep} contract would.
   */
  public FakeBackend applyNonFiniteSteps() {
    this.applyNonFiniteSteps = true;
    return this;
  }

  /** Makes every model's {@code setWeights} throw this (to test clean-up after a failed compile). */
  public FakeBackend failSetWeights(RuntimeException failure) {
    this.setWeightsFailure = failure;
    return this;
  }

  /** Every model compiled so far, in order. */
  public List<FakeModel> models() {
    return Collections.unmodifiableList(models);
  }

  /** The one model compiled; fails if there is not exactly one. */
  public FakeModel onlyModel() {
    if (models.size() != 1) {
      throw new IllegalStateException("expected exactly one compiled model, got " + models.size());
    }
    return models.get(0);
  }

  public List<Export> exports() {
    return Collections.unmodifiableList(exports);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<Capability> capabilities() {
    return capabilities;
  }

  @Override
  public BackendModel compile(ModelSpec spec, TrainingConfig config) {
    FakeModel m = new FakeModel(spec, config);
    models.add(m);
    return m;
  }

  @Override
  public SavedModelExporter savedModelExporter() {
    if (!capabilities.contains(Capability.SAVED_MODEL_EXPORT)) {
      return Backend.super.savedModelExporter();
    }
    return (spec, weights, options) -> {
      exports.add(new Export(spec, Map.copyOf(weights), options));
      return options.versionDir();
    };
  }

  @Override
  public String toString() {
    return "FakeBackend[" + name + "]";
  }

  /** A compiled fake: holds weights by name, records calls, answers from the backend's scripts. */
  public final class FakeModel implements BackendModel {
    private final ModelSpec spec;
    private final TrainingConfig config;
    private final List<Integer> featureSizes = new ArrayList<>();
    private final List<Integer> labelSizes = new ArrayList<>();
    private final List<Integer> outputSizes = new ArrayList<>();
    private final Map<String, TensorValue> weights = new LinkedHashMap<>();
    // Synchronized: the concurrency tests call one model from several threads.
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<Map<String, TensorValue>> weightUpdates = Collections.synchronizedList(new ArrayList<>());
    private volatile int closeCount;

    private FakeModel(ModelSpec spec, TrainingConfig config) {
      this.spec = spec;
      this.config = config;
      spec.inputShapes().forEach(s -> featureSizes.add(s.size()));
      for (int k = 0; k < spec.outputs().size(); k++) {
        Shape out = spec.outputShapes().get(k);
        outputSizes.add(out.size());
        labelSizes.add(config.lossFor(spec.outputNames().get(k)).labelShape(out).size());
      }
      spec.weightSpecs().forEach((n, w) -> weights.put(n, TensorValue.zeros(w.shape())));
    }

    public ModelSpec spec() {
      return spec;
    }

    public TrainingConfig config() {
      return config;
    }

    /** Every call, in order (including {@code setWeights}, {@code weights}, {@code close}). */
    public List<Call> calls() {
      return Collections.unmodifiableList(calls);
    }

    /** The calls to one method, in order. */
    public List<Call> calls(String method) {
      return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** The method names called, in order. */
    public List<String> methods() {
      return calls.stream().map(Call::method).toList();
    }

    /** What each {@code setWeights} call was given, in order. */
    public List<Map<String, TensorValue>> weightUpdates() {
      return Collections.unmodifiableList(weightUpdates);
    }

    /** How many times {@code close} was called. */
    public int closeCount() {
      return closeCount;
    }

    public boolean isClosed() {
      return closeCount > 0;
    }

    /** Refuses the step, as the contract asks, when the scripted loss is not finite (unless told otherwise). */
    @Override
    public StepResult trainStep(Batch batch, double learningRate, long step) {
      Call call = record("trainStep", batch, learningRate, step);
      double loss = trainLoss.applyAsDouble(call);
      if (!Double.isFinite(loss) && !applyNonFiniteSteps) {
        throw new NonFiniteStepException(NonFiniteStepException.loss(), NonFiniteStepException.kindOf(
            new double[] {loss}));
      }
      return result(loss, call);
    }

    @Override
    public StepResult evaluate(Batch batch) {
      Call call = record("evaluate", batch, Double.NaN, 0);
      return result(evaluateLoss.applyAsDouble(call), call);
    }

    /** The scripted loss, split evenly over the outputs (each weighted 1), and the scripted outputs. */
    private StepResult result(double loss, Call call) {
      double[] perOutput = new double[outputSizes.size()];
      Arrays.fill(perOutput, loss / perOutput.length);
      return new StepResult(loss, 0, perOutput, outputsFor(call));
    }

    @Override
    public List<float[]> predictOutputs(Batch batch) {
      return outputsFor(record("predict", batch, Double.NaN, 0));
    }

    @Override
    public List<TensorValue> forwardOutputs(Batch batch, boolean training) {
      Call call = record("forward", batch, Double.NaN, 0);
      List<float[]> out = outputsFor(call);
      List<TensorValue> values = new ArrayList<>();
      for (int k = 0; k < out.size(); k++) {
        values.add(TensorValue.of(spec.outputShapes().get(k).withBatch(batch.size()), out.get(k)));
      }
      return values;
    }

    /** Zeros of each node's shape: the fake computes nothing, but answers in the shapes a backend would. */
    @Override
    public List<TensorValue> forwardNodes(Batch batch, boolean training, List<String> nodes) {
      record("forwardNodes", batch, Double.NaN, 0);
      List<TensorValue> values = new ArrayList<>();
      nodes.forEach(n -> values.add(TensorValue.zeros(spec.node(n).outputShape().withBatch(batch.size()))));
      return values;
    }

    @Override
    public Gradients lossGradients(Batch batch) {
      record("lossGradients", batch, Double.NaN, 0);
      throw new UnsupportedOperationException("FakeBackend computes no gradients");
    }

    @Override
    public Gradients outputGradients(Batch batch, List<TensorValue> outputCotangents, boolean training) {
      record("outputGradients", batch, Double.NaN, 0);
      throw new UnsupportedOperationException("FakeBackend computes no gradients");
    }

    @Override
    public void applyGradients(Map<String, TensorValue> gradients, double learningRate, long step) {
      record("applyGradients", null, learningRate, step);
    }

    @Override
    public Map<String, TensorValue> weights() {
      record("weights", null, Double.NaN, 0);
      Map<String, TensorValue> copy = new LinkedHashMap<>();
      weights.forEach((n, v) -> copy.put(n, v.copy()));
      return copy;
    }

    /** Checks names and shapes as a real backend must, then stores copies. */
    @Override
    public void setWeights(Map<String, TensorValue> values) {
      record("setWeights", null, Double.NaN, 0);
      weightUpdates.add(Map.copyOf(values));
      if (setWeightsFailure != null) {
        throw setWeightsFailure;
      }
      values.forEach((n, v) -> {
        TensorValue current = weights.get(n);
        if (current == null) {
          throw new IllegalArgumentException("FakeBackend: no weight '" + n + "'; weights: " + weights.keySet());
        }
        if (!current.shape().equals(v.shape())) {
          throw new IllegalArgumentException("FakeBackend: weight '" + n + "' has shape " + current.shape()
              + ", got " + v.shape());
        }
      });
      values.forEach((n, v) -> weights.put(n, v.copy()));
    }

    @Override
    public Map<String, TensorValue> optimizerSlots() {
      record("optimizerSlots", null, Double.NaN, 0);
      Map<String, TensorValue> slots = new LinkedHashMap<>();
      spec.weightSpecs().forEach((n, w) -> {
        if (w.trainable()) {
          for (String slot : config.optimizer().slotNames()) {
            slots.put(n + "/" + slot, TensorValue.zeros(w.shape()));
          }
        }
      });
      return slots;
    }

    @Override
    public void setOptimizerSlots(Map<String, TensorValue> values) {
      record("setOptimizerSlots", null, Double.NaN, 0);
    }

    @Override
    public void close() {
      calls.add(new Call("close", null, null, 0, Double.NaN, 0, Map.of(), List.of(), List.of(), null));
      closeCount++;
    }

    private Call record(String method, Batch batch, double learningRate, long step) {
      if (closeCount > 0) {
        throw new IllegalStateException("FakeBackend: " + method + " called on a closed model");
      }
      Call call;
      if (batch == null) {
        call = new Call(method, null, null, 0, learningRate, step, Map.of(), List.of(), List.of(), null);
      } else {
        List<float[]> xs = new ArrayList<>();
        for (int k = 0; k < featureSizes.size(); k++) {
          xs.add(Arrays.copyOf(batch.xs().get(k), batch.size() * featureSizes.get(k)));
        }
        List<float[]> ys = new ArrayList<>();
        for (int k = 0; batch.hasLabels() && k < labelSizes.size(); k++) {
          ys.add(Arrays.copyOf(batch.ys().get(k), batch.size() * labelSizes.get(k)));
        }
        call = new Call(method, xs.get(0), ys.isEmpty() ? null : ys.get(0), batch.size(), learningRate, step,
            batch.masks(), xs, ys, batch.hasSampleWeights() ? Arrays.copyOf(batch.sampleWeights(), batch.size())
            : null);
      }
      calls.add(call);
      return call;
    }

    private List<float[]> outputsFor(Call call) {
      List<float[]> all = new ArrayList<>();
      for (int outputSize : outputSizes) {
        float[] out = outputs.apply(call, outputSize);
        if (out.length != call.size() * outputSize) {
          throw new IllegalStateException("FakeBackend output script gave " + out.length + " values for "
              + call.size() + " samples of " + outputSize);
        }
        all.add(out);
      }
      return all;
    }
  }
}
