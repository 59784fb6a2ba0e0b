package dev.layerwise.reference;

import static com.google.common.base.Preconditions.checkState;

import dev.layerwise.layers.Input;
import dev.layerwise.layers.WeightSpec;
import dev.layerwise.reference.layers.RefLayerEquations;
import dev.layerwise.reference.layers.RefLayerEquations.Mode;
import dev.layerwise.reference.merging.RefMergeEquations;
import dev.layerwise.spi.LayerNode;
import dev.layerwise.spi.RandomDraws;
import dev.layerwise.spi.ModelSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Backpropagation through a model's graph of nodes: the chain rule on a directed acyclic graph.
 *
 * <p><b>Forward</b>, in the spec's topological order: each node applies its equations to the outputs of the nodes it
 * takes ({@code hₙ = fₙ(h_{in₁(n)}, …)}), and keeps what its backward needs.
 *
 * <p><b>Backward</b>, in reverse order, from the loss's gradients at the outputs. When a node's turn comes every
 * consumer of its output has already been processed, so its output gradient is complete: a tensor h used by several
 * nodes c receives the sum of what each sends back,
 * <pre>
 *   ∂L/∂h = Σ_{c consumes h} (∂h_c/∂h)ᵀ · ∂L/∂h_c        (plus ∂L/∂h itself when h is a model output)
 * </pre>
 * since L depends on h through each of them (the multivariate chain rule). The node turns that {@code dy} into its
 * parameter gradients and one {@code dx} per input, which it adds to the gradients of the nodes it took. A shared
 * layer's weights θ are used by several nodes, so likewise {@code ∂L/∂θ = Σ_{applications a} ∂L/∂θ|_a}. For a chain
 * (one consumer per node) both sums have one term and this is the textbook
 * {@code δ⁽ˡ⁻¹⁾ = h′(a⁽ˡ⁻¹⁾) ⊙ W⁽ˡ⁾ᵀ δ⁽ˡ⁾}.
 *
 * <p>Unless the gradients with respect to the inputs are asked for, a node computes no {@code dx} for inputs that
 * lead back to no trainable weight (for the first Dense layer of an MLP that saves a whole product).
 */
final class RefGraph {
  private final ModelSpec spec;
  private final List<LayerNode> nodes;
  private final List<NodeEquations> equations = new ArrayList<>();
  private final int[][] inbound;
  /** For an Input node, which model input it is; −1 for the others. */
  private final int[] inputOf;
  private final int[] outputs;
  private final Map<String, Integer> index = new HashMap<>();
  /** Whether a node, or any node before it, uses a trainable weight: then gradients must flow back into it. */
  private final boolean[] trainableUpstream;

  RefGraph(ModelSpec spec, Function<LayerNode, NodeEquations> compile) {
    this.spec = spec;
    this.nodes = spec.nodes();
    inbound = new int[nodes.size()][];
    inputOf = new int[nodes.size()];
    trainableUpstream = new boolean[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      LayerNode n = nodes.get(i);
      equations.add(compile.apply(n));
      inbound[i] = n.inbound().stream().mapToInt(index::get).toArray();
      inputOf[i] = spec.inputs().indexOf(n.name());
      trainableUpstream[i] = n.weights().stream().anyMatch(WeightSpec::trainable);
      for (int j : inbound[i]) {
        trainableUpstream[i] |= trainableUpstream[j];
      }
      index.put(n.name(), i);
    }
    outputs = spec.outputs().stream().mapToInt(index::get).toArray();
  }

  /** One node's equations, of a one-input layer or of a merge, behind one face for the walk. */
  interface NodeEquations {
    Step forward(Map<String, double[]> params, List<double[]> xs, Mode mode);
  }

  /**
   * A node's forward result, kept until the backward pass: its output, how to back-propagate through it (from dy and
   * whether dx is needed to one dx per input, each null when not needed, and the parameter gradients by short name)
   * and the state updates it reports.
   */
  record Step(double[] y, BiFunction<double[], Boolean, Backward> backward,
      Supplier<Map<String, double[]>> stateUpdates) {}

  record Backward(List<double[]> dxs, Map<String, double[]> parameterGradients) {}

  static NodeEquations of(RefLayerEquations<?> eq) {
    return (params, xs, mode) -> layerStep(eq, params, xs.get(0), mode);
  }

  static NodeEquations of(RefMergeEquations<?> eq) {
    return (params, xs, mode) -> mergeStep(eq, xs);
  }

  private static <S> Step layerStep(RefLayerEquations<S> eq, Map<String, double[]> params, double[] x, Mode mode) {
    RefLayerEquations.Forward<S> f = eq.forward(params, x, mode);
    return new Step(f.y(), (dy, needDx) -> {
      RefLayerEquations.Backward b = eq.backward(params, f.saved(), dy, needDx);
      List<double[]> dxs = new ArrayList<>(1);
      dxs.add(b.dx());
      return new Backward(dxs, b.parameterGradients());
    }, () -> eq.stateUpdates(params, f.saved()));
  }

  private static <S> Step mergeStep(RefMergeEquations<S> eq, List<double[]> xs) {
    RefMergeEquations.Forward<S> f = eq.forward(xs);
    return new Step(f.y(), (dy, needDx) -> new Backward(eq.backward(f.saved(), dy), Map.of()), Map::of);
  }

  /** A forward pass: every node's step, in node order, and the model's outputs. */
  record Pass(List<Step> steps, List<double[]> outputs) {}

  /** ∂L/∂xₖ for each model input (null unless asked for) and ∂L/∂w for each trainable weight, by full name. */
  record Grads(List<double[]> inputs, Map<String, double[]> weights) {}

  /**
   * Runs the nodes in order on the model's inputs.
   *
   * @param dropoutMask the draws of a random node (a dropout mask, augmentation parameters) in a training pass
   */
  Pass forward(List<double[]> xs, RefParameters params, boolean training, Function<LayerNode, double[]> dropoutMask) {
    List<Step> steps = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      LayerNode node = nodes.get(i);
      List<double[]> in = new ArrayList<>(inbound[i].length);
      if (inputOf[i] >= 0) {
        in.add(xs.get(inputOf[i]));
      }
      for (int j : inbound[i]) {
        in.add(steps.get(j).y());
      }
      // A frozen batch normalisation runs in inference mode in a training pass too (ModelSpec.trainingMode).
      Mode mode = training && RandomDraws.sampleShape(node) != null ? Mode.training(dropoutMask.apply(node))
          : Mode.of(spec.trainingMode(node, training));
      steps.add(equations.get(i).forward(params.node(i), in, mode));
    }
    List<double[]> out = new ArrayList<>();
    for (int o : outputs) {
      out.add(steps.get(o).y());
    }
    return new Pass(steps, out);
  }

  /** The output of the named node (one of the model's) in a pass. */
  double[] output(Pass pass, String node) {
    return pass.steps().get(index.get(node)).y();
  }

  /**
   * Back-propagates {@code dOutputs = ∂L/∂outputₖ} through the graph (see the class comment for the sums).
   *
   * @param needInputs whether to compute ∂L/∂x for the model's inputs
   */
  Grads backward(Pass pass, List<double[]> dOutputs, boolean needInputs) {
    double[][] dy = new double[nodes.size()][];
    for (int k = 0; k < outputs.length; k++) {
      double[] seed = dOutputs.get(k);
      if (PlantedFault.LOSS_GRADIENT_SIGN_FLIPPED.isPlanted()) {
        seed = Arrays.stream(seed).map(v -> -v).toArray(); // descent turned into ascent
      }
      dy[outputs[k]] = sum(dy[outputs[k]], seed);
    }
    Map<String, double[]> weights = new HashMap<>();
    List<double[]> inputs = new ArrayList<>();
    spec.inputs().forEach(name -> inputs.add(null));
    for (int i = nodes.size() - 1; i >= 0; i--) {
      if (dy[i] == null) {
        continue; // nothing flows back into this node (no trainable weight lies before a node that gets one)
      }
      LayerNode node = nodes.get(i);
      if (node.layer() instanceof Input) {
        inputs.set(inputOf[i], dy[i]);
        continue;
      }
      boolean needDx = false;
      for (int j : inbound[i]) {
        needDx |= needInputs || trainableUpstream[j];
      }
      Backward b = pass.steps().get(i).backward().apply(dy[i], needDx);
      for (WeightSpec w : node.weights()) {
        if (w.trainable()) {
          double[] g = b.parameterGradients().get(w.name());
          checkState(g != null, "the equations of %s returned no gradient for '%s'", node.layer().describe(),
              node.weightName(w));
          weights.merge(node.weightName(w), g, RefGraph::sum);
          if (PlantedFault.SHARED_WEIGHT_GRADIENT_NOT_SUMMED.isPlanted()) {
            weights.put(node.weightName(w), g); // the earlier applications' share lost
          }
        }
      }
      for (int k = 0; needDx && k < inbound[i].length; k++) {
        int j = inbound[i][k];
        if (needInputs || trainableUpstream[j]) {
          dy[j] = sum(dy[j], b.dxs().get(k));
          if (PlantedFault.FAN_OUT_GRADIENT_NOT_SUMMED.isPlanted()) {
            dy[j] = b.dxs().get(k); // the other consumers' share lost
          }
        }
      }
    }
    return new Grads(needInputs ? inputs : null, weights);
  }

  /**
   * The state updates a training pass's layers report (moving statistics), by full weight name in model order,
   * each checked to be one of the node's non-trainable weights; written only once the step is known to be finite.
   */
  Map<String, double[]> stateUpdates(Pass pass, RefParameters params) {
    Map<String, double[]> out = new LinkedHashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      LayerNode node = nodes.get(i);
      for (Map.Entry<String, double[]> u : pass.steps().get(i).stateUpdates().get().entrySet()) {
        double[] target = params.node(i).get(u.getKey());
        boolean isState = node.weights().stream().anyMatch(w -> w.name().equals(u.getKey()) && !w.trainable());
        checkState(isState && target.length == u.getValue().length,
            "the equations of %s reported a state update for '%s', which is not one of its non-trainable weights",
            node.layer().describe(), node.weightName(u.getKey()));
        out.put(node.weightName(u.getKey()), u.getValue());
      }
    }
    return out;
  }

  /**
   * {@code a + b}, element by element, in a new array; the first contribution is kept as it is, so a node with one
   * consumer (every node of a chain) passes its gradient on unchanged.
   */
  private static double[] sum(double[] a, double[] b) {
    if (a == null) {
      return b;
    }
    double[] s = new double[a.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = a[i] + b[i];
    }
    return s;
  }
}
