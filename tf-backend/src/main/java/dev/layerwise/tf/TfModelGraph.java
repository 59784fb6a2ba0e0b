package dev.layerwise.tf;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.TrainingConfig;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.WeightSpec;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.LayerNode;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.RandomDraws;
import dev.layerwise.tf.lower.TfGradientClipping;
import dev.layerwise.tf.lower.TfGraphLowering;
import dev.layerwise.tf.lower.TfLayerLowering;
import dev.layerwise.tf.lower.TfLossLowering;
import dev.layerwise.tf.lower.TfOptimizerLowering;
import dev.layerwise.tf.lower.TfRegularizerLowering;
import dev.layerwise.tf.lower.TfScope;
import dev.layerwise.tf.lower.TfStateUpdate;
import dev.layerwise.tf.lower.TfUpdateRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * The TF graph of one compiled model: placeholders (features per input, labels per output, the sample weights,
 * step scalars, one dropout mask per Dropout node), variables, a training-mode and an inference-mode forward pass sharing the
 * variables (the model's graph of nodes lowered by {@link TfGraphLowering}), the objective on each (each output's
 * loss times its loss weight, summed, plus the regularization penalty), the gradients (from
 * {@code Graph.addGradients} over the explicit list of trainable variables), gradient clipping and the update ops.
 *
 * <p>Every weight update waits for every gradient and for the step's loss and outputs ("gate graph"): with ref
 * variables an early {@code Apply*} could otherwise change a weight that another layer's gradient, or the
 * penalty reported with the step, still has to read. It also waits for the {@link TfStepGuard}: the check that the
 * loss, the gradients and the new moving statistics are finite, and the copies of what the optimizer overwrites.
 * The training target then checks the updated values and only after that runs the layers' state updates (batch
 * normalisation's moving statistics), built from the same batch statistics as the step; nothing else runs them.
 * Update ops may order themselves after the gradient they receive only through data edges (or a control edge on a
 * non-Identity op that reads it): {@code applyGradients} feeds the gated gradients, and a control edge on a fed op
 * would keep the whole gradient computation behind it in the run.
 *
 * <p>A model with a non-differentiable layer (Hardmax) gets no gradient or update ops at all: TF cannot
 * differentiate through it ({@code ArgMax}), so every call that needs gradients is refused in Java first. Every
 * gradient that is built goes through {@link GradientPreflight#addGradients}, which refuses, naming the ops and
 * layers, a graph TF's C++ gradient registry cannot differentiate, instead of letting {@code addGradients} fail
 * natively; {@link #withoutGradients} builds the forward pass and loss alone, for a preflight without training.
 */
final class TfModelGraph<T extends TFloating> {
  final Graph graph;
  final TfScope<T> scope;
  final ModelSpec spec;
  /** The features of each input ({@code x} for a model with one input), in input order. */
  final List<Placeholder<T>> xs = new ArrayList<>();
  /** The labels of each output ({@code y} for a model with one output), in output order. */
  final List<Placeholder<T>> ys = new ArrayList<>();
  /**
   * One weight per sample, {@code [batch]}, shared by every output's loss; fed only for a batch that carries
   * weights, else ones of the batch size (from the first labels' shape, which no gradient path reaches).
   */
  final PlaceholderWithDefault<T> sampleWeights;
  final Placeholder<T> stepScalars;
  /** The mask placeholder {@code <node>/mask} of every Dropout node, by node name, in model order. */
  final Map<String, Placeholder<T>> masks = new LinkedHashMap<>();
  final Map<String, TfVariable<T>> weights = new LinkedHashMap<>();
  final Map<String, TfVariable<T>> slots = new LinkedHashMap<>();
  /** The value every element of each slot starts at ({@code Optimizer.slotInitialValue}), by slot name. */
  final Map<String, Double> slotInitialValues = new LinkedHashMap<>();
  final List<String> trainable;
  final List<Operand<T>> trainOutputs;
  final List<Operand<T>> inferenceOutputs;
  /** Every node's output in the training-mode pass, by node name (what {@code forwardNodes} fetches). */
  final Map<String, Operand<T>> trainNodes = new LinkedHashMap<>();
  /** Every node's output in the inference-mode pass, by node name. */
  final Map<String, Operand<T>> inferenceNodes = new LinkedHashMap<>();
  /** Each output's own loss, unweighted, in output order. */
  final List<Operand<T>> trainOutputLosses = new ArrayList<>();
  final List<Operand<T>> inferenceOutputLosses = new ArrayList<>();
  /** The objective: {@code Σₖ wₖ·Lₖ} plus the penalty. */
  final Operand<T> trainLoss;
  final Operand<T> inferenceLoss;
  /** The regularization penalty, or {@code null} when no weight is regularized. */
  final Operand<T> regularization;
  /** The first layer gradients cannot pass, or {@code null}. */
  final LayerNode nonDifferentiable;
  /**
   * The gradient of each trainable weight, after the gate and before clipping; feeding these applies given
   * gradients, clipped exactly as in a training step.
   */
  final List<Operand<T>> gatedGradients = new ArrayList<>();
  /** The weight updates only (what {@code applyGradients} runs, from fed gradients). */
  final Op applyOp;
  /** The weight updates and the layers' state updates: one training step. */
  final Op trainOp;
  /** The checks that keep {@link #trainOp} from writing a non-finite value; {@code null} without training ops. */
  final TfStepGuard<T> guard;

  private Output<?>[] lossGradients;
  private List<Placeholder<T>> cotangents;
  private Output<?>[] trainOutputGradients;
  private Output<?>[] inferenceOutputGradients;

  TfModelGraph(Graph graph, TfScope<T> scope, ModelSpec spec, TrainingConfig config) {
    this(graph, scope, spec, config, true);
  }

  /** The variables, placeholders, both forward passes and both losses, without gradients or updates. */
  static TfModelGraph<?> withoutGradients(Graph graph, ModelSpec spec, TrainingConfig config) {
    return withoutGradients(graph, TfScope.of(Ops.create(graph), config.dtype()), spec, config);
  }

  private static <T extends TFloating> TfModelGraph<T> withoutGradients(Graph graph, TfScope<T> scope,
      ModelSpec spec, TrainingConfig config) {
    return new TfModelGraph<>(graph, scope, spec, config, false);
  }

  private TfModelGraph(Graph graph, TfScope<T> scope, ModelSpec spec, TrainingConfig config, boolean train) {
    this.graph = graph;
    this.scope = scope;
    this.spec = spec;
    Ops tf = scope.tf();
    Map<String, WeightSpec> specs = spec.weightSpecs();
    specs.forEach((name, w) -> weights.put(name, TfVariable.create(scope, name, w.shape())));
    this.trainable = spec.trainableWeightNames();
    Optimizer optimizer = config.optimizer();
    for (String w : trainable) {
      for (String slot : optimizer.slotNames()) {
        String name = w + "/" + slot;
        slots.put(name, TfVariable.create(scope, name, specs.get(w).shape()));
        slotInitialValues.put(name, optimizer.slotInitialValue(slot));
      }
    }
    boolean oneInput = spec.inputs().size() == 1;
    for (int k = 0; k < spec.inputs().size(); k++) {
      xs.add(scope.placeholder(oneInput ? "x" : "x/" + spec.inputs().get(k),
          TfScope.batchDims(spec.inputShapes().get(k))));
    }
    boolean oneOutput = spec.outputs().size() == 1;
    for (int k = 0; k < spec.outputs().size(); k++) {
      String name = spec.outputNames().get(k);
      ys.add(scope.placeholder(oneOutput ? "y" : "y/" + name,
          TfScope.batchDims(config.lossFor(name).labelShape(spec.outputShapes().get(k)))));
    }
    Operand<TInt32> batchSize = tf.slice(tf.shape(ys.get(0)), scope.ints(0), scope.ints(1));
    sampleWeights = TfScope.named(tf, "sample_weights").placeholderWithDefault(
        tf.fill(batchSize, scope.constant(1)), org.tensorflow.ndarray.Shape.of(-1));
    stepScalars = scope.placeholder("step_scalars", TfOptimizerLowering.STEP_SCALARS);
    for (LayerNode node : spec.nodes()) {
      dev.layerwise.Shape drawn = RandomDraws.sampleShape(node); // a dropout mask, an augmentation's parameters
      if (drawn != null) {
        String suffix = node.layer() instanceof Dropout ? "/mask" : "/draws";
        masks.put(node.name(), scope.placeholder(node.name() + suffix, TfScope.batchDims(drawn)));
      }
    }
    this.nonDifferentiable = spec.nodes().stream().filter(n -> !n.layer().differentiable()).findFirst()
        .orElse(null);

    Map<String, Operand<T>> vars = new LinkedHashMap<>();
    weights.forEach((n, v) -> vars.put(n, v.variable()));
    List<TfStateUpdate<T>> stateUpdates = new ArrayList<>();
    trainOutputs = forward(new TfLayerLowering<>(scope.sub("train"), vars, masks, stateUpdates), true, trainNodes);
    inferenceOutputs = forward(TfLayerLowering.inference(scope.sub("inference"), vars), false, inferenceNodes);
    regularization = TfRegularizerLowering.penalty(scope, specs, vars);
    trainLoss = objective(scope.sub("train"), config, trainOutputs, trainOutputLosses);
    inferenceLoss = objective(scope.sub("inference"), config, inferenceOutputs, inferenceOutputLosses);

    if (nonDifferentiable != null || !train) {
      applyOp = null;
      trainOp = null;
      guard = null;
      return;
    }
    // A model without trainable weights (e.g. only an Input in a loss check) has nothing to differentiate.
    Output<?>[] raw = trainable.isEmpty() ? new Output<?>[0]
        : gradients("gradients", trainLoss, trainableOutputs(), null, "model '" + spec.name() + "'");
    List<Operand<T>> rawGradients = new ArrayList<>();
    for (Output<?> r : raw) {
      rawGradients.add(r.expect(scope.type()));
    }
    Map<String, Operand<T>> updated = new LinkedHashMap<>(); // what the optimizer writes, in the guard's order
    for (String w : trainable) {
      updated.put(w, weights.get(w).variable());
      optimizer.slotNames().forEach(slot -> updated.put(w + "/" + slot, slots.get(w + "/" + slot).variable()));
    }
    // Every write waits for the checks before writing and for the copies the guard restores from (TfStepGuard).
    guard = new TfStepGuard<>(scope.sub("guard"));
    List<Op> gate = new ArrayList<>(List.of(raw)); // an Output is an Op: waiting on it waits for its op
    gate.add(trainLoss);
    gate.addAll(trainOutputs);
    gate.add(guard.checkBeforeWriting(trainLoss, trainable, rawGradients, stateUpdates));
    gate.addAll(guard.backUp(updated));
    Ops gated = tf.withControlDependencies(gate);
    for (int i = 0; i < trainable.size(); i++) {
      gatedGradients.add(TfScope.named(gated, trainable.get(i) + "/gradient").identity(rawGradients.get(i)));
    }
    // Clipping reads the gated gradients by data edges only, so a fed gradient (applyGradients) is clipped too.
    List<Operand<T>> clipped = TfGradientClipping.clip(scope.sub("clip"), optimizer.clipping(), trainable,
        gatedGradients);
    List<Op> updates = new ArrayList<>();
    TfUpdateRule<T> rule = optimizer.accept(new TfOptimizerLowering<>(scope.sub("optimizer"), stepScalars));
    for (int i = 0; i < trainable.size(); i++) {
      String w = trainable.get(i);
      List<Operand<T>> s = new ArrayList<>();
      for (String slot : optimizer.slotNames()) {
        s.add(slots.get(w + "/" + slot).variable());
      }
      updates.add(rule.apply(weights.get(w).variable(), clipped.get(i), s));
    }
    applyOp = tf.withName("apply_gradients").withControlDependencies(updates).noOp();
    List<Op> step = new ArrayList<>(updates);
    Op checked = guard.checkAfterWriting(updates, updated);
    step.add(checked);
    step.addAll(guard.writeState(stateUpdates, checked));
    trainOp = tf.withName("train_step").withControlDependencies(step).noOp();
  }

  /**
   * {@code Σₖ wₖ·Lₖ} plus the penalty, each output's loss reduced on its own; a single output's loss is used as it
   * is (its weight multiplied in only when it is not 1). Collects each {@code Lₖ} into {@code outputLosses}.
   */
  private Operand<T> objective(TfScope<T> s, TrainingConfig config, List<Operand<T>> outputs,
      List<Operand<T>> outputLosses) {
    return objective(s, config, outputs, ys, sampleWeights, regularization, outputLosses);
  }

  /**
   * The objective of given outputs against given labels and sample weights, plus {@code penalty} (or none when
   * null): what a step of {@link TfChunkGraph} builds on labels gathered from the data the session holds.
   */
  Operand<T> objective(TfScope<T> s, TrainingConfig config, List<Operand<T>> outputs,
      List<? extends Operand<T>> labels, Operand<T> weights, Operand<T> penalty, List<Operand<T>> outputLosses) {
    Ops tf = scope.tf();
    Operand<T> total = null;
    for (int k = 0; k < outputs.size(); k++) {
      String name = spec.outputNames().get(k);
      TfScope<T> at = outputs.size() == 1 ? s : s.sub("loss_" + k);
      Operand<T> loss = TfLossLowering.lower(at, config.lossFor(name), outputs.get(k), labels.get(k), weights,
          spec.outputShapes().get(k));
      outputLosses.add(loss);
      double w = config.lossWeightFor(name);
      Operand<T> weighted = w == 1 ? loss : tf.math.mul(loss, scope.constant(w));
      total = total == null ? weighted : tf.math.add(total, weighted);
    }
    return penalty == null ? total : tf.math.add(total, penalty);
  }

  private List<Operand<T>> forward(TfLayerLowering<T> lowering, boolean training, Map<String, Operand<T>> nodes) {
    List<Operand<T>> inputs = new ArrayList<>();
    xs.forEach(x -> inputs.add(scope.tf().identity(x)));
    return forward(lowering, inputs, training, nodes);
  }

  /** The model's outputs on the given inputs (one per model input), every node's output put into {@code nodes}. */
  List<Operand<T>> forward(TfLayerLowering<T> lowering, List<Operand<T>> inputs, boolean training,
      Map<String, Operand<T>> nodes) {
    nodes.putAll(TfGraphLowering.lowerAll(spec, lowering, inputs, training));
    List<Operand<T>> outputs = new ArrayList<>();
    spec.outputs().forEach(name -> outputs.add(nodes.get(name)));
    if (outputs.size() == 1) {
      return outputs;
    }
    // Distinct ops per output: two outputs may otherwise be one tensor (an input and its inference-mode dropout),
    // and TF refuses to fetch a tensor twice in one run.
    List<Operand<T>> distinct = new ArrayList<>();
    outputs.forEach(o -> distinct.add(scope.tf().identity(o)));
    return distinct;
  }

  /** Refuses, naming the layer, any call that needs gradients through a non-differentiable layer. */
  void requireDifferentiable(String what) {
    checkArgument(nonDifferentiable == null, "%s: model '%s' contains %s, which is not differentiable (it has no"
        + " gradient); such a model can predict, evaluate and be exported, but not be trained or differentiated",
        what, spec.name(), nonDifferentiable == null ? "" : nonDifferentiable.layer().describe());
  }

  /** The trainable weights' variables, in {@link #trainable} order. */
  List<Operand<T>> trainableVariables() {
    List<Operand<T>> out = new ArrayList<>();
    trainable.forEach(w -> out.add(weights.get(w).variable()));
    return out;
  }

  /** What ops are attributed to in a preflight: the layers, and the loss and penalty scopes. */
  List<String> layerNames() {
    List<String> names = new ArrayList<>();
    spec.nodes().forEach(n -> names.add(n.name()));
    names.add(GradientPreflight.LOSS);
    names.add(GradientPreflight.REGULARIZATION);
    return names;
  }

  /** {@code addGradients} of {@code y} (seeded with {@code dy}, or ones), after the gradient preflight. */
  private Output<?>[] gradients(String prefix, Operand<T> y, Output<?>[] xs, Operand<T> dy, String what) {
    return GradientPreflight.addGradients(graph, prefix, y.asOutput(), xs, dy == null ? null : dy.asOutput(),
        layerNames(), what);
  }

  private Output<?>[] trainableOutputs() {
    Output<?>[] xs = new Output<?>[trainable.size()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = weights.get(trainable.get(i)).variable().asOutput();
    }
    return xs;
  }

  /**
   * ∂trainLoss/∂(trainable weights..., every input), built on first use (only conformance checks need ∂L/∂x).
   */
  synchronized Output<?>[] lossGradients() {
    requireDifferentiable("lossGradients");
    if (lossGradients == null) {
      lossGradients = gradients("loss_gradients", trainLoss, withInputs(trainableOutputs()), null,
          "lossGradients of model '" + spec.name() + "'");
    }
    return lossGradients;
  }

  /** The cotangents Rₖ fed to {@link #outputGradients}, one per output. */
  synchronized List<Placeholder<T>> cotangents() {
    if (cotangents == null) {
      List<Placeholder<T>> r = new ArrayList<>();
      for (int k = 0; k < spec.outputs().size(); k++) {
        r.add(scope.placeholder(spec.outputs().size() == 1 ? "cotangent" : "cotangent/" + spec.outputNames().get(k),
            TfScope.batchDims(spec.outputShapes().get(k))));
      }
      cotangents = r;
    }
    return cotangents;
  }

  /**
   * ∂(Σₖ Σ Rₖ ⊙ outputₖ)/∂(trainable weights..., every input) of the training- or inference-mode outputs, built on
   * first use: with one output {@code addGradients} is seeded with R, with several it differentiates the sum.
   */
  synchronized Output<?>[] outputGradients(boolean training) {
    requireDifferentiable("outputGradients");
    if (training && trainOutputGradients == null) {
      trainOutputGradients = vectorJacobian("output_gradients", trainOutputs);
    } else if (!training && inferenceOutputGradients == null) {
      inferenceOutputGradients = vectorJacobian("inference_output_gradients", inferenceOutputs);
    }
    return training ? trainOutputGradients : inferenceOutputGradients;
  }

  private Output<?>[] vectorJacobian(String prefix, List<Operand<T>> outputs) {
    List<Placeholder<T>> r = cotangents();
    String what = "outputGradients of model '" + spec.name() + "'";
    if (outputs.size() == 1) {
      return gradients(prefix, outputs.get(0), withInputs(trainableOutputs()), r.get(0), what);
    }
    Ops tf = scope.tf().withSubScope(prefix + "_objective");
    Operand<T> sum = null;
    for (int k = 0; k < outputs.size(); k++) {
      Operand<T> term = tf.reduceSum(tf.math.mul(r.get(k), outputs.get(k)),
          scope.axesBelow(spec.outputShapes().get(k).rank() + 1));
      sum = sum == null ? term : tf.math.add(sum, term);
    }
    return gradients(prefix, sum, withInputs(trainableOutputs()), null, what);
  }

  private Output<?>[] withInputs(Output<?>[] weights) {
    Output<?>[] all = new Output<?>[weights.length + xs.size()];
    System.arraycopy(weights, 0, all, 0, weights.length);
    for (int k = 0; k < xs.size(); k++) {
      all[weights.length + k] = xs.get(k).asOutput();
    }
    return all;
  }
}
