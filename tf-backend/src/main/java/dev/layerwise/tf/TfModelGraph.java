package dev.layerwise.tf;

import dev.layerwise.TrainingConfig;
import dev.layerwise.layers.WeightSpec;
import dev.layerwise.spi.LayerNode;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.tf.lower.TfLayerInput;
import dev.layerwise.tf.lower.TfLayerLowering;
import dev.layerwise.tf.lower.TfLossLowering;
import dev.layerwise.tf.lower.TfOptimizerLowering;
import dev.layerwise.tf.lower.TfScope;
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
 * The TF graph of one compiled model: placeholders, variables, a training-mode and an inference-mode forward
 * pass sharing the variables, the loss on each, the gradients (from {@code Graph.addGradients} over the
 * explicit list of trainable variables) and the update ops.
 *
 * <p>Every update waits for every gradient ("gate graph"): with ref variables an early {@code Apply*} could
 * otherwise change a weight that another layer's gradient still has to read.
 */
final class TfModelGraph<T extends TFloating> {
  final Graph graph;
  final TfScope<T> scope;
  final ModelSpec spec;
  final Placeholder<T> x;
  final Placeholder<T> y;
  final Placeholder<T> stepScalars;
  final Map<String, TfVariable<T>> weights = new LinkedHashMap<>();
  final Map<String, TfVariable<T>> slots = new LinkedHashMap<>();
  final List<String> trainable;
  final Operand<T> trainOutput;
  final Operand<T> trainLoss;
  final Operand<T> inferenceOutput;
  final Operand<T> inferenceLoss;
  /** The gradient of each trainable weight, after the gate; feeding these applies given gradients. */
  final List<Operand<T>> gatedGradients = new ArrayList<>();
  final Op trainOp;

  private Output<?>[] lossGradients;
  private Placeholder<T> cotangent;
  private Output<?>[] outputGradients;

  TfModelGraph(Graph graph, TfScope<T> scope, ModelSpec spec, TrainingConfig config) {
    this.graph = graph;
    this.scope = scope;
    this.spec = spec;
    Ops tf = scope.tf();
    Map<String, WeightSpec> specs = spec.weightSpecs();
    specs.forEach((name, w) -> weights.put(name, TfVariable.create(scope, name, w.shape())));
    this.trainable = spec.trainableWeightNames();
    for (String w : trainable) {
      for (String slot : config.optimizer().slotNames()) {
        String name = w + "/" + slot;
        slots.put(name, TfVariable.create(scope, name, specs.get(w).shape()));
      }
    }
    x = scope.placeholder("x", TfScope.batchDims(spec.inputShape()));
    y = scope.placeholder("y", TfScope.batchDims(config.loss().labelShape(spec.outputShape())));
    stepScalars = scope.placeholder("step_scalars", TfOptimizerLowering.STEP_SCALARS);

    Map<String, Operand<T>> vars = new LinkedHashMap<>();
    weights.forEach((n, v) -> vars.put(n, v.variable()));
    trainOutput = forward(scope.sub("train"), vars, true);
    inferenceOutput = forward(scope.sub("inference"), vars, false);
    trainLoss = TfLossLowering.lower(scope.sub("train"), config.loss(), trainOutput, y, spec.outputShape());
    inferenceLoss = TfLossLowering.lower(scope.sub("inference"), config.loss(), inferenceOutput, y,
        spec.outputShape());

    // A model without trainable weights (e.g. only an Input in a loss check) has nothing to differentiate.
    Output<?>[] raw = trainable.isEmpty() ? new Output<?>[0]
        : graph.addGradients("gradients", new Output<?>[] {trainLoss.asOutput()}, trainableOutputs(), null);
    List<Op> gate = List.of(raw); // an Output is an Op: waiting on it waits for the op that makes it
    Ops gated = tf.withControlDependencies(gate);
    List<Op> updates = new ArrayList<>();
    TfUpdateRule<T> rule = config.optimizer().accept(new TfOptimizerLowering<>(scope.sub("optimizer"), stepScalars));
    for (int i = 0; i < trainable.size(); i++) {
      String w = trainable.get(i);
      Operand<T> g = TfScope.named(gated, w + "/gradient").identity(raw[i].expect(scope.type()));
      gatedGradients.add(g);
      List<Operand<T>> s = new ArrayList<>();
      for (String slot : config.optimizer().slotNames()) {
        s.add(slots.get(w + "/" + slot).variable());
      }
      updates.add(rule.apply(weights.get(w).variable(), g, s));
    }
    trainOp = tf.withName("train_step").withControlDependencies(updates).noOp();
  }

  private Operand<T> forward(TfScope<T> s, Map<String, Operand<T>> vars, boolean training) {
    TfLayerLowering<T> lowering = new TfLayerLowering<>(s, vars);
    Operand<T> h = s.tf().identity(x);
    for (LayerNode node : spec.nodes()) {
      h = node.layer().accept(lowering, new TfLayerInput<>(node, h, training));
    }
    return h;
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
    if (lossGradients == null) {
      lossGradients = graph.addGradients("loss_gradients", new Output<?>[] {trainLoss.asOutput()},
          withInput(trainableOutputs()), null);
    }
    return lossGradients;
  }

  /** The cotangent R fed to {@link #outputGradients()}. */
  synchronized Placeholder<T> cotangent() {
    if (cotangent == null) {
      cotangent = scope.placeholder("cotangent", TfScope.batchDims(spec.outputShape()));
    }
    return cotangent;
  }

  /** ∂(Σ R ⊙ trainOutput)/∂(trainable weights..., x), built on first use. */
  synchronized Output<?>[] outputGradients() {
    if (outputGradients == null) {
      outputGradients = graph.addGradients("output_gradients", new Output<?>[] {trainOutput.asOutput()},
          withInput(trainableOutputs()), new Output<?>[] {cotangent().asOutput()});
    }
    return outputGradients;
  }

  private Output<?>[] withInput(Output<?>[] xs) {
    Output<?>[] all = new Output<?>[xs.length + 1];
    System.arraycopy(xs, 0, all, 0, xs.length);
    all[xs.length] = x.asOutput();
    return all;
  }
}
