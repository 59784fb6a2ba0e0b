package dev.layerwise.reference;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.WeightSpec;
import dev.layerwise.reference.layers.RefLayerEquations;
import dev.layerwise.reference.layers.RefLayerEquations.Backward;
import dev.layerwise.reference.layers.RefLayerEquations.Forward;
import dev.layerwise.reference.layers.RefLayerEquations.Mode;
import dev.layerwise.reference.losses.RefLossEquations;
import dev.layerwise.reference.losses.RegularizerEquations;
import dev.layerwise.reference.optimizers.GradientClippingEquations;
import dev.layerwise.reference.optimizers.RefOptimizerUpdate;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.Gradients;
import dev.layerwise.spi.LayerNode;
import dev.layerwise.spi.ModelLock;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.NonFiniteStepException;
import dev.layerwise.spi.StepResult;
import dev.layerwise.spi.TensorValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model on the reference backend: the chain of the spec's core nodes, each with its equations, evaluated in
 * double precision. Backpropagation is the plain chain rule over that chain: the loss gives {@code ∂L/∂output},
 * and each node, last to first, turns its {@code dy} into its parameter gradients and the {@code dx} that is the
 * previous node's {@code dy}.
 *
 * <p>Training-mode passes ({@code trainStep}, {@code lossGradients}, {@code outputGradients} and {@code forward}
 * with {@code training}) take each dropout node's mask from the batch and use batch statistics in batch
 * normalisation; only {@code trainStep} then moves the layers' state (the moving statistics, through
 * {@link RefLayerEquations#stateUpdates}). Weight penalties ({@link RegularizerEquations}) are added to the loss
 * of {@code trainStep}, {@code evaluate} and {@code lossGradients} and to the gradients of the first and last;
 * {@code outputGradients} is the plain vector–Jacobian product of the network. The optimizer's gradient clipping
 * acts on those full gradients (regularization included), in {@code trainStep} and {@code applyGradients} alike.
 *
 * <p>Weights are held as {@code double[]} by full name ({@code dense/kernel}, {@code [in, units]} row-major).
 * They start from the spec's initializers with seed 0; {@code CompiledModel} overwrites them with its own seeded
 * values.
 *
 * <p>Threads: the equations keep no state between calls and every pass allocates its own arrays, so reads run
 * concurrently under a shared {@link ModelLock}; the calls that write weights, slots or moving statistics
 * ({@code trainStep}, {@code applyGradients}, {@code setWeights}, {@code setOptimizerSlots}) take it alone, so no
 * read ever sees a half-updated weight.
 */
public final class RefModel implements BackendModel {
  private static final Logger LOG = LoggerFactory.getLogger(RefModel.class);

  private final ModelSpec spec;
  private final List<RefLayerEquations<?>> equations = new ArrayList<>();
  private final RefParameters params;
  /** The layers gradients cannot flow through ({@code Hardmax 'hardmax'}); training refuses such a model. */
  private final List<String> nonDifferentiable = new ArrayList<>();
  private final RefLossEquations loss;
  private final RefOptimizerUpdate optimizer;
  private final GradientClippingEquations clipping;
  private final int featureSize;
  private final int labelSize;
  private final ModelLock lock;

  RefModel(ModelSpec spec, TrainingConfig config) {
    this.spec = spec;
    for (LayerNode node : spec.nodes()) {
      equations.add(RefCompiler.layer(node));
      if (!node.layer().differentiable()) {
        nonDifferentiable.add(node.layer().describe());
      }
    }
    this.loss = RefCompiler.loss(config.loss(), spec.outputShape());
    this.optimizer = RefCompiler.optimizer(config.optimizer());
    this.clipping = new GradientClippingEquations(config.optimizer().clipping());
    this.params = new RefParameters(spec, config.optimizer());
    this.featureSize = spec.inputShape().size();
    this.labelSize = config.loss().labelShape(spec.outputShape()).size();
    this.lock = new ModelLock("RefModel '" + spec.name() + "'");
    setWeights(spec.initialWeights(0L));
    LOG.debug("compiled '{}' on the reference backend: {} nodes, {} parameters, {} / {}, float64 (asked for {})",
        spec.name(), spec.nodes().size(), spec.parameterCount(), config.loss().kerasName(),
        config.optimizer().getClass().getSimpleName(), config.dtype());
  }

  @Override
  public StepResult trainStep(Batch batch, double learningRate, long step) {
    return lock.write("trainStep", () -> {
      checkStep("trainStep", learningRate, step);
      checkDifferentiable("trainStep");
      double[] y = labels(batch, "trainStep");
      Pass pass = forwardPass(batch, "trainStep", true);
      double penalty = params.penalty();
      double value = loss.loss(pass.output(), y) + penalty;
      RefStepGuard.requireFinite(NonFiniteStepException.loss(), value);
      Map<String, double[]> grads = backwardPass(pass, loss.gradient(pass.output(), y), false).weights();
      params.addPenaltyGradients(grads);
      params.trainableShapes().keySet().forEach(w ->
          RefStepGuard.requireFinite(NonFiniteStepException.gradient(w), grads.get(w)));
      Map<String, double[]> state = stateUpdates(pass);
      state.forEach((name, next) -> RefStepGuard.requireFinite(NonFiniteStepException.updated(name), next));
      params.updateOrRestore(optimizer, clipping, grads, learningRate, step);
      state.forEach((name, next) -> System.arraycopy(next, 0, params.weight(name), 0, next.length));
      return new StepResult(value, penalty, toFloats(pass.output()));
    });
  }

  @Override
  public StepResult evaluate(Batch batch) {
    return lock.read("evaluate", () -> {
      double[] y = labels(batch, "evaluate");
      Pass pass = forwardPass(batch, "evaluate", false);
      double penalty = params.penalty();
      return new StepResult(loss.loss(pass.output(), y) + penalty, penalty, toFloats(pass.output()));
    });
  }

  @Override
  public float[] predict(Batch batch) {
    return lock.read("predict", () -> toFloats(forwardPass(batch, "predict", false).output()));
  }

  @Override
  public TensorValue forward(Batch batch, boolean training) {
    return lock.read("forward", () -> outputValue(forwardPass(batch, "forward", training), batch.size()));
  }

  @Override
  public Gradients lossGradients(Batch batch) {
    return lock.read("lossGradients", () -> {
      checkDifferentiable("lossGradients");
      double[] y = labels(batch, "lossGradients");
      Pass pass = forwardPass(batch, "lossGradients", true);
      Grads g = backwardPass(pass, loss.gradient(pass.output(), y), true);
      params.addPenaltyGradients(g.weights());
      double penalty = params.penalty();
      return gradients(loss.loss(pass.output(), y) + penalty, penalty, pass, g, batch.size());
    });
  }

  @Override
  public Gradients outputGradients(Batch batch, TensorValue outputCotangent, boolean training) {
    return lock.read("outputGradients", () -> {
      checkDifferentiable("outputGradients");
      requireNonNull(outputCotangent, "outputGradients: outputCotangent");
      requireNonNull(batch, "outputGradients: batch");
      Shape expected = spec.outputShape().withBatch(batch.size());
      checkArgument(outputCotangent.shape().equals(expected),
          "outputGradients: the cotangent R must have the output's shape %s, got %s", expected,
          outputCotangent.shape());
      Pass pass = forwardPass(batch, "outputGradients", training);
      Grads g = backwardPass(pass, outputCotangent.data(), true);
      return gradients(Double.NaN, Double.NaN, pass, g, batch.size());
    });
  }

  @Override
  public void applyGradients(Map<String, TensorValue> gradients, double learningRate, long step) {
    lock.write("applyGradients", () -> {
      checkStep("applyGradients", learningRate, step);
      checkDifferentiable("applyGradients");
      RefNamedTensors.check("applyGradients", "trainable weight", params.trainableShapes(), gradients, true);
      Map<String, double[]> grads = new HashMap<>();
      gradients.forEach((name, g) -> grads.put(name, g.data()));
      params.update(optimizer, clipping, grads, learningRate, step); // clipped as trainStep's own would be
    });
  }

  @Override
  public Map<String, TensorValue> weights() {
    return lock.read("weights", () -> params.weights());
  }

  @Override
  public void setWeights(Map<String, TensorValue> values) {
    lock.write("setWeights", () -> params.setWeights("setWeights", values));
  }

  @Override
  public Map<String, TensorValue> optimizerSlots() {
    return lock.read("optimizerSlots", () -> params.slots());
  }

  @Override
  public void setOptimizerSlots(Map<String, TensorValue> values) {
    lock.write("setOptimizerSlots", () -> params.setSlots("setOptimizerSlots", values));
  }

  /** Nothing native to free; waits for the calls in flight, and afterwards every other method throws. */
  @Override
  public void close() {
    lock.close(() -> {});
  }

  public ModelSpec spec() {
    return spec;
  }

  // ---- the chain rule over the nodes -------------------------------------------------------------------------

  /** One node's forward result, kept with its equations and parameters until the backward pass. */
  private record Recorded<S>(RefLayerEquations<S> equations, Map<String, double[]> params, Forward<S> forward) {
    static <S> Recorded<S> run(RefLayerEquations<S> eq, Map<String, double[]> params, double[] x, Mode mode) {
      return new Recorded<>(eq, params, eq.forward(params, x, mode));
    }

    Backward backward(double[] dy, boolean needDx) {
      return equations.backward(params, forward.saved(), dy, needDx);
    }

    Map<String, double[]> stateUpdates() {
      return equations.stateUpdates(params, forward.saved());
    }
  }

  private record Pass(List<Recorded<?>> nodes, double[] output) {}

  /** ∂L/∂x (null unless asked for) and ∂L/∂w for each trainable weight, by full name. */
  private record Grads(double[] input, Map<String, double[]> weights) {}

  /** The nodes in order, each in the given mode; a training pass gives each dropout node its mask. */
  private Pass forwardPass(Batch batch, String method, boolean training) {
    double[] x = features(batch, method);
    List<Recorded<?>> recorded = new ArrayList<>(equations.size());
    double[] a = x;
    for (int i = 0; i < equations.size(); i++) {
      LayerNode node = spec.nodes().get(i);
      Mode mode = training && node.layer() instanceof Dropout ? Mode.training(mask(batch, node, method))
          : Mode.of(training);
      Recorded<?> r = Recorded.run(equations.get(i), params.node(i), a, mode);
      recorded.add(r);
      a = r.forward().y();
    }
    return new Pass(recorded, a);
  }

  /**
   * Back-propagates {@code dOutput = ∂L/∂output} from the last node down. Without {@code needInput} it stops
   * at the first node with trainable weights and skips that node's {@code dx}: nothing below needs it, and for
   * a first Dense layer it would be a whole extra product.
   */
  private Grads backwardPass(Pass pass, double[] dOutput, boolean needInput) {
    Map<String, double[]> grads = new HashMap<>();
    double[] dy = dOutput;
    int first = params.firstTrainableNode();
    int last = needInput ? 0 : first;
    for (int i = pass.nodes().size() - 1; i >= last; i--) {
      Backward b = pass.nodes().get(i).backward(dy, needInput || i > first);
      LayerNode node = spec.nodes().get(i);
      for (WeightSpec w : node.weights()) {
        if (w.trainable()) {
          double[] g = b.parameterGradients().get(w.name());
          checkState(g != null, "%s returned no gradient for '%s'", equations.get(i).getClass().getSimpleName(),
              node.weightName(w));
          grads.put(node.weightName(w), g);
        }
      }
      dy = b.dx();
    }
    return new Grads(needInput ? dy : null, grads);
  }

  /**
   * The state updates a training pass's layers report (moving statistics), by full weight name in model order,
   * each checked to be one of the node's non-trainable weights; written only once the step is known to be finite.
   */
  private Map<String, double[]> stateUpdates(Pass pass) {
    Map<String, double[]> out = new LinkedHashMap<>();
    for (int i = 0; i < pass.nodes().size(); i++) {
      LayerNode node = spec.nodes().get(i);
      for (Map.Entry<String, double[]> u : pass.nodes().get(i).stateUpdates().entrySet()) {
        double[] target = params.node(i).get(u.getKey());
        boolean isState = node.weights().stream().anyMatch(w -> w.name().equals(u.getKey()) && !w.trainable());
        checkState(isState && target.length == u.getValue().length,
            "%s reported a state update for '%s', which is not one of its non-trainable weights",
            equations.get(i).getClass().getSimpleName(), node.weightName(u.getKey()));
        out.put(node.weightName(u.getKey()), u.getValue());
      }
    }
    return out;
  }

  // ---- conversions and checks ---------------------------------------------------------------------------------

  private Gradients gradients(double lossValue, double penalty, Pass pass, Grads g, int n) {
    Map<String, TensorValue> byName = new LinkedHashMap<>();
    params.trainableShapes().forEach((name, shape) -> byName.put(name,
        new TensorValue(shape, g.weights().get(name))));
    TensorValue dx = new TensorValue(spec.inputShape().withBatch(n), g.input());
    return new Gradients(lossValue, penalty, outputValue(pass, n), dx, byName);
  }

  private TensorValue outputValue(Pass pass, int n) {
    return new TensorValue(spec.outputShape().withBatch(n), pass.output());
  }

  /** The first {@code size·featureSize} values of the batch, widened to double. */
  private double[] features(Batch batch, String method) {
    requireNonNull(batch, method + ": batch");
    int n = batch.size() * featureSize;
    checkArgument(batch.x().length >= n, "%s: %s samples of shape %s need %s feature values, got %s", method,
        batch.size(), spec.inputShape(), n, batch.x().length);
    return widen(batch.x(), n);
  }

  /** A dropout node's mask for a training pass: its first {@code size × inputSize} values, widened. */
  private static double[] mask(Batch batch, LayerNode node, String method) {
    float[] m = batch.mask(node.name());
    int n = batch.size() * node.inputShape().size();
    checkArgument(m.length >= n, "%s: the dropout mask of %s needs %s values (%s samples of shape %s), got %s",
        method, node.layer().describe(), n, batch.size(), node.inputShape(), m.length);
    return widen(m, n);
  }

  private double[] labels(Batch batch, String method) {
    requireNonNull(batch, method + ": batch");
    checkArgument(batch.hasLabels(), "%s: the batch has no labels, which the loss needs", method);
    int n = batch.size() * labelSize;
    checkArgument(batch.y().length >= n, "%s: %s samples need %s label values (%s each), got %s", method,
        batch.size(), n, labelSize, batch.y().length);
    return widen(batch.y(), n);
  }

  private static double[] widen(float[] values, int n) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = values[i];
    }
    return d;
  }

  private static float[] toFloats(double[] values) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return f;
  }

  private static void checkStep(String method, double learningRate, long step) {
    checkArgument(Double.isFinite(learningRate) && learningRate >= 0,
        "%s: learningRate must be finite and non-negative, got %s", method, learningRate);
    checkArgument(step >= 1, "%s: step is the 1-based index of the update, got %s", method, step);
  }

  /** Refuses gradients and training for a model with a layer no gradient flows through. */
  private void checkDifferentiable(String method) {
    checkArgument(nonDifferentiable.isEmpty(), "%s: model '%s' contains %s, which is not differentiable; such a"
        + " model can predict and evaluate but not train or compute gradients", method, spec.name(),
        String.join(", ", nonDifferentiable));
  }

}
