package dev.layerwise.reference;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.layers.Augmentation;
import dev.layerwise.reference.layers.RefLayerEquations;
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
import dev.layerwise.spi.RandomDraws;
import dev.layerwise.spi.StepResult;
import dev.layerwise.spi.TensorValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model on the reference backend: the spec's graph of core nodes, each with its equations, evaluated in double
 * precision by {@link RefGraph}. Backpropagation is the chain rule over that graph: each output's loss gives
 * {@code ∂L/∂output}, and the nodes, last to first, turn their {@code dy} into their parameter gradients and the
 * {@code dx} of each tensor they took, gradients reaching one tensor from several consumers summed.
 *
 * <p>With several outputs the objective is {@code Σₖ wₖ·Lₖ} plus the weight penalties, each output's mean loss
 * {@code Lₖ} times its loss weight, so output k's gradient is seeded with {@code wₖ·∂Lₖ/∂outputₖ}. A batch with
 * sample weights makes every {@code Lₖ} the weighted mean of {@link RefLossEquations#weightedLoss}, the same
 * weights for every output.
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
  private final RefGraph graph;
  private final RefParameters params;
  /** The layers gradients cannot flow through ({@code Hardmax 'hardmax'}); training refuses such a model. */
  private final List<String> nonDifferentiable = new ArrayList<>();
  private final List<RefLossEquations> losses = new ArrayList<>();
  private final double[] lossWeights;
  private final RefOptimizerUpdate optimizer;
  private final GradientClippingEquations clipping;
  private final int[] featureSizes;
  private final int[] labelSizes;
  private final ModelLock lock;

  RefModel(ModelSpec spec, TrainingConfig config) {
    this.spec = spec;
    this.graph = new RefGraph(spec, RefCompiler::layer);
    spec.nodes().stream().filter(n -> !n.layer().differentiable()).forEach(n -> nonDifferentiable.add(
        n.layer().describe()));
    int outputs = spec.outputs().size();
    this.lossWeights = new double[outputs];
    this.labelSizes = new int[outputs];
    for (int k = 0; k < outputs; k++) {
      String name = spec.outputNames().get(k);
      Shape out = spec.outputShapes().get(k);
      losses.add(RefCompiler.loss(config.lossFor(name), out));
      lossWeights[k] = config.lossWeightFor(name);
      labelSizes[k] = config.lossFor(name).labelShape(out).size();
    }
    this.optimizer = RefCompiler.optimizer(config.optimizer());
    this.clipping = new GradientClippingEquations(config.optimizer().clipping());
    this.params = new RefParameters(spec, config.optimizer());
    this.featureSizes = spec.inputShapes().stream().mapToInt(Shape::size).toArray();
    this.lock = new ModelLock("RefModel '" + spec.name() + "'");
    setWeights(spec.initialWeights(0L));
    LOG.debug("compiled '{}' on the reference backend: {} nodes, {} parameters, {} outputs, {}, float64 (asked for"
        + " {})", spec.name(), spec.nodes().size(), spec.parameterCount(), outputs,
        config.optimizer().getClass().getSimpleName(), config.dtype());
  }

  @Override
  public StepResult trainStep(Batch batch, double learningRate, long step) {
    return lock.write("trainStep", () -> {
      checkStep("trainStep", learningRate, step);
      checkDifferentiable("trainStep");
      List<double[]> y = labels(batch, "trainStep");
      RefGraph.Pass pass = forwardPass(batch, "trainStep", true);
      Objective o = objective(pass, y, batch);
      RefStepGuard.requireFinite(NonFiniteStepException.loss(), o.value());
      Map<String, double[]> grads = graph.backward(pass, o.seeds(), false).weights();
      params.addPenaltyGradients(grads);
      params.trainableShapes().keySet().forEach(w ->
          RefStepGuard.requireFinite(NonFiniteStepException.gradient(w), grads.get(w)));
      Map<String, double[]> state = graph.stateUpdates(pass, params);
      state.forEach((name, next) -> RefStepGuard.requireFinite(NonFiniteStepException.updated(name), next));
      params.updateOrRestore(optimizer, clipping, grads, learningRate, step);
      state.forEach((name, next) -> System.arraycopy(next, 0, params.weight(name), 0, next.length));
      return new StepResult(o.value(), o.penalty(), o.outputLosses(), toFloats(pass.outputs()));
    });
  }

  @Override
  public StepResult evaluate(Batch batch) {
    return lock.read("evaluate", () -> {
      List<double[]> y = labels(batch, "evaluate");
      RefGraph.Pass pass = forwardPass(batch, "evaluate", false);
      Objective o = objective(pass, y, batch);
      return new StepResult(o.value(), o.penalty(), o.outputLosses(), toFloats(pass.outputs()));
    });
  }

  @Override
  public List<float[]> predictOutputs(Batch batch) {
    return lock.read("predict", () -> toFloats(forwardPass(batch, "predict", false).outputs()));
  }

  @Override
  public List<TensorValue> forwardOutputs(Batch batch, boolean training) {
    return lock.read("forward", () -> outputValues(forwardPass(batch, "forward", training), batch.size()));
  }

  @Override
  public List<TensorValue> forwardNodes(Batch batch, boolean training, List<String> nodes) {
    List<String> known = spec.nodes().stream().map(LayerNode::name).toList();
    for (String node : nodes) {
      checkArgument(known.contains(node), "forwardNodes: model '%s' has no node '%s'; its nodes are %s", spec.name(),
          node, known);
    }
    return lock.read("forward", () -> {
      RefGraph.Pass pass = forwardPass(batch, "forward", training);
      List<TensorValue> out = new ArrayList<>(nodes.size());
      for (String node : nodes) {
        out.add(new TensorValue(spec.node(node).outputShape().withBatch(batch.size()), graph.output(pass, node)));
      }
      return out;
    });
  }

  @Override
  public Gradients lossGradients(Batch batch) {
    return lock.read("lossGradients", () -> {
      checkDifferentiable("lossGradients");
      List<double[]> y = labels(batch, "lossGradients");
      RefGraph.Pass pass = forwardPass(batch, "lossGradients", true);
      Objective o = objective(pass, y, batch);
      RefGraph.Grads g = graph.backward(pass, o.seeds(), true);
      params.addPenaltyGradients(g.weights());
      return gradients(o.value(), o.penalty(), Arrays.stream(o.outputLosses()).boxed().toList(), pass, g,
          batch.size());
    });
  }

  @Override
  public Gradients outputGradients(Batch batch, List<TensorValue> outputCotangents, boolean training) {
    return lock.read("outputGradients", () -> {
      checkDifferentiable("outputGradients");
      requireNonNull(outputCotangents, "outputGradients: outputCotangents");
      requireNonNull(batch, "outputGradients: batch");
      checkArgument(outputCotangents.size() == spec.outputs().size(), "outputGradients: model '%s' has %s outputs,"
          + " got %s cotangents", spec.name(), spec.outputs().size(), outputCotangents.size());
      List<double[]> seeds = new ArrayList<>();
      for (int k = 0; k < outputCotangents.size(); k++) {
        Shape expected = spec.outputShapes().get(k).withBatch(batch.size());
        TensorValue r = requireNonNull(outputCotangents.get(k), "outputGradients: cotangent " + k);
        checkArgument(r.shape().equals(expected),
            "outputGradients: the cotangent R must have the output's shape %s, got %s", expected, r.shape());
        seeds.add(r.data());
      }
      RefGraph.Pass pass = forwardPass(batch, "outputGradients", training);
      RefGraph.Grads g = graph.backward(pass, seeds, true);
      return gradients(Double.NaN, Double.NaN, List.of(), pass, g, batch.size());
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

  // ---- the objective ----------------------------------------------------------------------------------------------

  /**
   * {@code Σₖ wₖ·Lₖ + penalty}, each output's own loss, and the gradient each output is seeded with,
   * {@code wₖ·∂Lₖ/∂outputₖ}.
   */
  private record Objective(double value, double penalty, double[] outputLosses, List<double[]> seeds) {}

  private Objective objective(RefGraph.Pass pass, List<double[]> y, Batch batch) {
    double penalty = params.penalty();
    double[] perOutput = new double[losses.size()];
    List<double[]> seeds = new ArrayList<>();
    double value = 0;
    double[] w = batch.sampleWeights(); // the same weights for every output
    int n = batch.size();
    for (int k = 0; k < losses.size(); k++) {
      double[] out = pass.outputs().get(k);
      RefLossEquations loss = losses.get(k);
      perOutput[k] = w == null ? loss.loss(out, y.get(k)) : loss.weightedLoss(out, y.get(k), w, n);
      value += lossWeights[k] * perOutput[k];
      double[] g = w == null ? loss.gradient(out, y.get(k)) : loss.weightedGradient(out, y.get(k), w, n);
      if (lossWeights[k] != 1) {
        for (int i = 0; i < g.length; i++) {
          g[i] *= lossWeights[k];
        }
      }
      seeds.add(g);
    }
    return new Objective(value + penalty, penalty, perOutput, seeds);
  }

  // ---- conversions and checks ---------------------------------------------------------------------------------

  /** The nodes in order, each in the given mode; a training pass gives each dropout node its mask. */
  private RefGraph.Pass forwardPass(Batch batch, String method, boolean training) {
    return graph.forward(features(batch, method), params, training, node -> mask(batch, node, method));
  }

  private Gradients gradients(double lossValue, double penalty, List<Double> outputLosses, RefGraph.Pass pass,
      RefGraph.Grads g, int n) {
    Map<String, TensorValue> byName = new LinkedHashMap<>();
    params.trainableShapes().forEach((name, shape) -> byName.put(name,
        new TensorValue(shape, g.weights().get(name))));
    List<TensorValue> dx = new ArrayList<>();
    for (int k = 0; k < featureSizes.length; k++) {
      Shape shape = spec.inputShapes().get(k).withBatch(n);
      double[] d = g.inputs().get(k);
      dx.add(new TensorValue(shape, d != null ? d : new double[shape.size()]));
    }
    return new Gradients(lossValue, penalty, outputLosses, outputValues(pass, n), dx, byName);
  }

  private List<TensorValue> outputValues(RefGraph.Pass pass, int n) {
    List<TensorValue> out = new ArrayList<>();
    for (int k = 0; k < pass.outputs().size(); k++) {
      out.add(new TensorValue(spec.outputShapes().get(k).withBatch(n), pass.outputs().get(k)));
    }
    return out;
  }

  /**
   * The first {@code size·featureSize} values of each input's features: the batch's float64 ones when it has them,
   * else its float32 ones widened.
   */
  private List<double[]> features(Batch batch, String method) {
    requireNonNull(batch, method + ": batch");
    return widenEach(method, batch.hasDoubles() ? batch.xs64() : batch.xs(), featureSizes, batch.size(),
        "inputs " + spec.inputs(), "feature arrays",
        k -> String.format("%s samples of shape %s need %s feature values", batch.size(), spec.inputShapes().get(k),
            batch.size() * featureSizes[k]));
  }

  /**
   * The first {@code n·sizes[k]} values of each array, widened, after checking there is one array per size and each
   * is long enough.
   *
   * @param expected the model's side, for the count's message ({@code inputs [a, b]})
   * @param need what array k needs, for its message
   */
  private List<double[]> widenEach(String method, List<?> arrays, int[] sizes, int n, String expected,
      String kind, IntFunction<String> need) {
    checkArgument(arrays.size() == sizes.length, "%s: model '%s' has %s %s, the batch holds %s %s", method,
        spec.name(), sizes.length, expected, arrays.size(), kind);
    List<double[]> out = new ArrayList<>(sizes.length);
    for (int k = 0; k < sizes.length; k++) {
      Object a = arrays.get(k);
      int length = a instanceof double[] d ? d.length : ((float[]) a).length;
      if (length < n * sizes[k]) {
        throw new IllegalArgumentException(String.format("%s: %s, got %s", method, need.apply(k), length));
      }
      out.add(a instanceof double[] d ? Arrays.copyOf(d, n * sizes[k]) : widen((float[]) a, n * sizes[k]));
    }
    return out;
  }

  /**
   * A random node's draws for a training pass (a dropout mask, augmentation parameters): the first
   * {@code size × sampleSize} values, widened.
   */
  private static double[] mask(Batch batch, LayerNode node, String method) {
    float[] m = batch.mask(node.name());
    Shape sample = RandomDraws.sampleShape(node);
    int n = batch.size() * sample.size();
    checkArgument(m.length >= n, "%s: the %s of %s needs %s values (%s samples of shape %s), got %s", method,
        node.layer() instanceof Augmentation ? "draws" : "dropout mask", node.layer().describe(), n, batch.size(),
        sample, m.length);
    return widen(m, n);
  }

  private List<double[]> labels(Batch batch, String method) {
    requireNonNull(batch, method + ": batch");
    checkArgument(batch.hasLabels(), "%s: the batch has no labels, which the loss needs", method);
    return widenEach(method, batch.ys64() != null ? batch.ys64() : batch.ys(), labelSizes, batch.size(),
        "outputs " + spec.outputNames(), "label arrays",
        k -> String.format("%s samples need %s label values (%s each)", batch.size(), batch.size() * labelSizes[k],
            labelSizes[k]));
  }

  private static double[] widen(float[] values, int n) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = values[i];
    }
    return d;
  }

  private static List<float[]> toFloats(List<double[]> values) {
    List<float[]> out = new ArrayList<>(values.size());
    for (double[] v : values) {
      float[] f = new float[v.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) v[i];
      }
      out.add(f);
    }
    return out;
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
