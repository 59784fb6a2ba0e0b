package dev.layerwise.tf;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.TrainingConfig;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.WeightSpec;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.LayerNode;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.tf.lower.TfGradientClipping;
import dev.layerwise.tf.lower.TfLayerInput;
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
import org.tensorflow.types.family.TFloating;

/**
 * The TF graph of one compiled model: placeholders (features, labels, step scalars, one dropout mask per Dropout
 * node), variables, a training-mode and an inference-mode forward pass sharing the variables, the loss on each
 * (data loss plus the regularization penalty), the gradients (from {@code Graph.addGradients} over the explicit
 * list of trainable variables), gradient clipping and the update ops.
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
  final Placeholder<T> x;
  final Placeholder<T> y;
  final Placeholder<T> stepScalars;
  /** The mask placeholder {@code <node>/mask} of every Dropout node, by node name, in model order. */
  final Map<String, Placeholder<T>> masks = new LinkedHashMap<>();
  final Map<String, TfVariable<T>> weights = new LinkedHashMap<>();
  final Map<String, TfVariable<T>> slots = new LinkedHashMap<>();
  /** The value every element of each slot starts at ({@code Optimizer.slotInitialValue}), by slot name. */
  final Map<String, Double> slotInitialValues = new LinkedHashMap<>();
  final List<String> trainable;
  final Operand<T> trainOutput;
  final Operand<T> trainLoss;
  final Operand<T> inferenceOutput;
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
  private Placeholder<T> cotangent;
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
    x = scope.placeholder("x", TfScope.batchDims(spec.inputShape()));
    y = scope.placeholder("y", TfScope.batchDims(config.loss().labelShape(spec.outputShape())));
    stepScalars = scope.placeholder("step_scalars", TfOptimizerLowering.STEP_SCALARS);
    for (LayerNode node : spec.nodes()) {
      if (node.layer() instanceof Dropout) {
        masks.put(node.name(), scope.placeholder(node.name() + "/mask", TfScope.batchDims(node.inputShape())));
      }
    }
    this.nonDifferentiable = spec.nodes().stream().filter(n -> !n.layer().differentiable()).findFirst()
        .orElse(null);

    Map<String, Operand<T>> vars = new LinkedHashMap<>();
    weights.forEach((n, v) -> vars.put(n, v.variable()));
    List<TfStateUpdate<T>> stateUpdates = new ArrayList<>();
    trainOutput = forward(new TfLayerLowering<>(scope.sub("train"), vars, masks, stateUpdates), true);
    inferenceOutput = forward(TfLayerLowering.inference(scope.sub("inference"), vars), false);
    regularization = TfRegularizerLowering.penalty(scope, specs, vars);
    trainLoss = withPenalty(
        TfLossLowering.lower(scope.sub("train"), config.loss(), trainOutput, y, spec.outputShape()));
    inferenceLoss = withPenalty(
        TfLossLowering.lower(scope.sub("inference"), config.loss(), inferenceOutput, y, spec.outputShape()));

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
    gate.add(trainOutput);
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

  private Operand<T> withPenalty(Operand<T> dataLoss) {
    return regularization == null ? dataLoss : scope.tf().math.add(dataLoss, regularization);
  }

  private Operand<T> forward(TfLayerLowering<T> lowering, boolean training) {
    Operand<T> h = scope.tf().identity(x);
    for (LayerNode node : spec.nodes()) {
      h = node.layer().accept(lowering, new TfLayerInput<>(node, h, training));
    }
    return h;
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

  /** ∂trainLoss/∂(trainable weights..., x), built on first use (only conformance checks need ∂L/∂x). */
  synchronized Output<?>[] lossGradients() {
    requireDifferentiable("lossGradients");
    if (lossGradients == null) {
      lossGradients = gradients("loss_gradients", trainLoss, withInput(trainableOutputs()), null,
          "lossGradients of model '" + spec.name() + "'");
    }
    return lossGradients;
  }

  /** The cotangent R fed to {@link #outputGradients}. */
  synchronized Placeholder<T> cotangent() {
    if (cotangent == null) {
      cotangent = scope.placeholder("cotangent", TfScope.batchDims(spec.outputShape()));
    }
    return cotangent;
  }

  /** ∂(Σ R ⊙ output)/∂(trainable weights..., x) of the training- or inference-mode output, built on first use. */
  synchronized Output<?>[] outputGradients(boolean training) {
    requireDifferentiable("outputGradients");
    if (training && trainOutputGradients == null) {
      trainOutputGradients = gradients("output_gradients", trainOutput, withInput(trainableOutputs()),
          cotangent(), "outputGradients of model '" + spec.name() + "'");
    } else if (!training && inferenceOutputGradients == null) {
      inferenceOutputGradients = gradients("inference_output_gradients", inferenceOutput,
          withInput(trainableOutputs()), cotangent(), "outputGradients of model '" + spec.name() + "'");
    }
    return training ? trainOutputGradients : inferenceOutputGradients;
  }

  private Output<?>[] withInput(Output<?>[] xs) {
    Output<?>[] all = new Output<?>[xs.length + 1];
    System.arraycopy(xs, 0, all, 0, xs.length);
    all[xs.length] = x.asOutput();
    return all;
  }
}
