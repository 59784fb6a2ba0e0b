package dev.layerwise.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.DType;
import dev.layerwise.Shape;
import dev.layerwise.init.FromArray;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.layers.Augmentation;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Layer;
import dev.layerwise.layers.MergeLayer;
import dev.layerwise.layers.SymbolicTensor;
import dev.layerwise.layers.WeightSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A model as backends see it: a directed acyclic graph of named, shaped core layer applications ({@link LayerNode}s)
 * after desugaring ({@code Dense(…, RELU)} is two nodes), with its inputs and outputs. It also keeps the user's
 * layer applications before desugaring ({@link #layers()}) for summaries and error messages. A {@code Sequential}
 * model is the chain special case, built by the same builder ({@link #chain}; {@link #graph} for functional models).
 *
 * <p><b>Order.</b> {@link #nodes()} (and {@link #layers()}) are in one topological order, the same every time the
 * same graph is built: first the model's inputs in the model's order, then the other applications in depth-first
 * post-order from the outputs (the outputs in order, each application's inputs in argument order). So every node
 * comes after the nodes it takes, a chain keeps its order, and generated names follow it ({@code dense} before
 * {@code dense_1}). A backend can run the nodes in this order forward and in reverse order backward.
 *
 * @param name the model's name
 * @param inputs the {@code Input} nodes, in the model's input order
 * @param outputs the nodes whose outputs are the model's outputs, in the model's output order
 * @param outputNames what users call the outputs, in the same order: the name of the user's layer application that
 *     makes each ({@code dense_1} for the core node {@code dense_1_softmax}); history keys, targets and per-output
 *     losses go by these
 * @param nodes every core node, in topological order
 * @param layers every application of a user's layer before desugaring, in the same order, with inbound names that
 *     refer to these entries; a shared layer appears once per application
 * @param frozen the layers frozen ({@link #withTrainable}), by name, sorted: their weights are not trainable and
 *     carry no penalty, and a frozen batch normalisation runs in inference mode even in training
 */
public record ModelSpec(String name, List<String> inputs, List<String> outputs, List<String> outputNames,
    List<LayerNode> nodes, List<LayerNode> layers, List<String> frozen) {
  public ModelSpec {
    requireNonNull(name, "name");
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    outputNames = List.copyOf(outputNames);
    nodes = List.copyOf(nodes);
    layers = List.copyOf(layers);
    checkArgument(!inputs.isEmpty() && !outputs.isEmpty(), "model '%s' needs at least one input and one output",
        name);
    checkArgument(outputs.size() == outputNames.size(), "model '%s': %s outputs but %s output names", name,
        outputs.size(), outputNames.size());
    frozen = List.copyOf(new TreeSet<>(frozen));
    AugmentationPlacement.check(name, nodes);
  }

  /** A model with no layer frozen. */
  public ModelSpec(String name, List<String> inputs, List<String> outputs, List<String> outputNames,
      List<LayerNode> nodes, List<LayerNode> layers) {
    this(name, inputs, outputs, outputNames, nodes, layers, List.of());
  }

  /**
   * Names, shapes and desugars a layer list, as {@code Sequential} does. The first layer must be an {@code Input};
   * unnamed layers get Keras-style names ({@code dense}, {@code dense_1}, ...); every name must be unique. The same
   * layer object listed twice is one layer applied twice (shared weights, as in Keras).
   */
  public static ModelSpec chain(String name, List<Layer> layers) {
    return GraphBuilder.chain(name, layers);
  }

  /**
   * The model from the given input tensors to the given output tensors: named, shaped, desugared and checked (see
   * {@code Model.of} for what is refused).
   */
  public static ModelSpec graph(String name, List<SymbolicTensor> inputs, List<SymbolicTensor> outputs) {
    return new GraphBuilder(name, inputs, outputs).build();
  }

  /** The same model under another name. */
  public ModelSpec withName(String name) {
    return new ModelSpec(name, inputs, outputs, outputNames, nodes, layers, frozen);
  }

  /** The core node of that name. */
  public LayerNode node(String nodeName) {
    for (LayerNode n : nodes) {
      if (n.name().equals(nodeName)) {
        return n;
      }
    }
    throw new IllegalArgumentException(String.format("model '%s' has no node '%s'", name, nodeName));
  }

  /**
   * The core node whose output is the output of the named application of a user's layer ({@link #layers()}): the
   * last node it desugars into ({@code dense_relu} for {@code dense}, {@code dense/call_1_relu} for its second
   * application), the node itself for an {@code Input}.
   *
   * @throws IllegalArgumentException for a name that is not one of {@link #layers()}, listing them
   */
  public String coreNodeOf(String layerName) {
    for (LayerNode u : layers) {
      if (u.name().equals(layerName)) {
        if (u.inbound().isEmpty()) {
          return u.name();
        }
        Layer last = u.layer().desugar().get(u.layer().desugar().size() - 1);
        String layer = u.layer().name();
        return u.name().equals(layer) ? last.name() : u.name() + last.name().substring(layer.length());
      }
    }
    throw new IllegalArgumentException(String.format("model '%s' has no layer '%s'; its layers are %s", name,
        layerName, layerNames()));
  }

  /** The names of the applications of the user's layers, in model order ({@code dense/call_1} for a shared one's). */
  public List<String> layerNames() {
    return layers.stream().map(LayerNode::name).toList();
  }

  /**
   * The same model with the named layers frozen ({@code trainable} false) or trainable again, Keras's
   * {@code layer.trainable = …}: a frozen layer's weights are not trainable (no gradient, no update, no optimizer
   * slot) and carry no penalty (Keras counts only trainable weights' regularizers), and a frozen
   * {@code BatchNormalization} normalises with its moving statistics even in training, leaving them unchanged. A
   * layer without weights may be named (nothing changes).
   *
   * @throws IllegalArgumentException for a name that is not one of the model's layers (listing them), or a further
   *     application of a shared layer (freeze the layer by its own name)
   */
  public ModelSpec withTrainable(boolean trainable, Collection<String> layerNames) {
    Set<String> owners = new LinkedHashSet<>();
    layers.stream().filter(LayerNode::ownsWeights).forEach(n -> owners.add(n.name()));
    Set<String> now = new TreeSet<>(frozen);
    for (String l : layerNames) {
      checkArgument(owners.contains(l), "model '%s' has no layer '%s'%s; its layers are %s", name, l,
          layerNames().contains(l) ? " of its own (it is a further application of a shared layer: name the layer)"
              : "", owners);
      if (trainable) {
        now.remove(l);
      } else {
        now.add(l);
      }
    }
    return new ModelSpec(name, inputs, outputs, outputNames, withWeights(nodes, now), withWeights(layers, now),
        List.copyOf(now));
  }

  /** Each node's weights as its layer lists them, made non-trainable and unpenalised for the frozen layers. */
  private static List<LayerNode> withWeights(List<LayerNode> nodes, Set<String> frozen) {
    List<LayerNode> out = new ArrayList<>();
    for (LayerNode n : nodes) {
      boolean plain = n.inputShapes().isEmpty() || n.layer() instanceof MergeLayer;
      List<WeightSpec> weights = plain ? n.weights() : n.layer().weights(n.inputShapes().get(0));
      if (frozen.contains(n.owner())) {
        weights = weights.stream().map(w -> new WeightSpec(w.name(), w.shape(), w.initializer(), false, null))
            .toList();
      }
      out.add(new LayerNode(n.name(), n.layer(), n.inbound(), n.inputShapes(), n.outputShape(), weights,
          n.owner()));
    }
    return out;
  }

  /** Whether the node belongs to a frozen layer. */
  public boolean isFrozen(LayerNode node) {
    return frozen.contains(node.owner());
  }

  /**
   * The mode a node runs in during a pass in the given mode: the pass's, except that a frozen
   * {@code BatchNormalization} always runs in inference mode (Keras: {@code training and self.trainable}).
   */
  public boolean trainingMode(LayerNode node, boolean training) {
    return training && !(node.layer() instanceof BatchNormalization && isFrozen(node));
  }

  /** The nodes that take a node's output, in topological order (several for a tensor that fans out). */
  public List<LayerNode> consumers(String nodeName) {
    return nodes.stream().filter(n -> n.inbound().contains(nodeName)).toList();
  }

  /** The {@code Input} nodes, in the model's input order. */
  public List<LayerNode> inputNodes() {
    return inputs.stream().map(this::node).toList();
  }

  /** The nodes that make the outputs, in the model's output order. */
  public List<LayerNode> outputNodes() {
    return outputs.stream().map(this::node).toList();
  }

  /** The per-sample shape of each input, in order. */
  public List<Shape> inputShapes() {
    return inputNodes().stream().map(LayerNode::outputShape).toList();
  }

  /** The per-sample shape of each output, in order. */
  public List<Shape> outputShapes() {
    return outputNodes().stream().map(LayerNode::outputShape).toList();
  }

  /**
   * The per-sample shape of the one input.
   *
   * @throws IllegalStateException for a model with several inputs
   */
  public Shape inputShape() {
    checkSingle("inputs", inputs.size(), "inputShapes()");
    return node(inputs.get(0)).outputShape();
  }

  /**
   * The per-sample shape of the one output.
   *
   * @throws IllegalStateException for a model with several outputs
   */
  public Shape outputShape() {
    return lastNode().outputShape();
  }

  /**
   * The node that makes the one output.
   *
   * @throws IllegalStateException for a model with several outputs
   */
  public LayerNode lastNode() {
    checkSingle("outputs", outputs.size(), "outputNodes()");
    return node(outputs.get(0));
  }

  private void checkSingle(String what, int count, String instead) {
    if (count != 1) {
      throw new IllegalStateException(String.format("model '%s' has %s %s; use %s", name, count, what, instead));
    }
  }

  /** The first layer gradients cannot flow through (e.g. {@code Hardmax}), if any. */
  public Optional<LayerNode> firstNonDifferentiable() {
    return nodes.stream().filter(n -> !n.layer().differentiable()).findFirst();
  }

  /**
   * The standard refusal for a model with a non-differentiable layer, worded once for the api and every backend.
   *
   * @param what the operation refused, e.g. {@code "fit"} or {@code "lossGradients"}
   */
  public void checkDifferentiable(String what) {
    firstNonDifferentiable().ifPresent(n -> {
      throw new IllegalArgumentException(String.format("%s: %s is not differentiable, so nothing before it can be"
          + " trained or gradient-checked; train without it (Softmax in its place) and use it only for"
          + " prediction", what, n.layer().describe()));
    });
  }

  /**
   * Refuses an operation that needs the training-mode gradient with respect to the model's inputs when an
   * augmentation layer through which no gradient passes ({@code RandomRotation}, {@code RandomZoom}) lies on the way:
   * training needs no such gradient (those layers sit before every trainable layer), but {@code gradients} and
   * gradient checks report {@code ∂L/∂x} too.
   *
   * @param what the operation refused, e.g. {@code "gradients"}
   */
  public void checkInputGradients(String what) {
    nodes.stream().filter(n -> n.layer() instanceof Augmentation a && !a.gradientFlows()).findFirst().ifPresent(n -> {
      throw new IllegalArgumentException(String.format("%s: model '%s' would pass the gradient with respect to its"
          + " inputs back through %s, whose training-mode warp has no gradient on any backend (TF's"
          + " ImageProjectiveTransformV3 registers none); fit needs none there, but this operation reports ∂L/∂x:"
          + " run it on the model without the layer", what, name, n.layer().describe()));
    });
  }

  /**
   * The same model with every weight's penalty removed: what gradient checks differentiate to test the data loss
   * apart from the regularization (backends read penalties from the nodes' weight specs).
   */
  public ModelSpec withoutRegularizers() {
    List<LayerNode> plain = nodes.stream().map(n -> new LayerNode(n.name(), n.layer(), n.inbound(),
        n.inputShapes(), n.outputShape(), n.weights().stream().map(w -> new WeightSpec(w.name(), w.shape(),
            w.initializer(), w.trainable(), null)).toList(), n.owner())).toList();
    return new ModelSpec(name, inputs, outputs, outputNames, plain, layers, frozen);
  }

  /** Whether any weight carries a penalty. */
  public boolean hasRegularizers() {
    return weightSpecs().values().stream().anyMatch(w -> w.regularizer() != null);
  }

  /**
   * Every weight by full name, in model order (layer by layer in node order, each layer's own order); a shared
   * layer's weights once, at its first application.
   */
  public Map<String, WeightSpec> weightSpecs() {
    Map<String, WeightSpec> m = new LinkedHashMap<>();
    for (LayerNode n : nodes) {
      if (n.ownsWeights()) {
        for (WeightSpec w : n.weights()) {
          m.put(n.weightName(w), w);
        }
      }
    }
    return m;
  }

  /** Full names of the weights the optimizer updates, in model order. */
  public List<String> trainableWeightNames() {
    List<String> names = new ArrayList<>();
    weightSpecs().forEach((n, w) -> {
      if (w.trainable()) {
        names.add(n);
      }
    });
    return names;
  }

  /** The number of parameters, a shared layer's counted once. */
  public long parameterCount() {
    return weightSpecs().values().stream().mapToLong(w -> w.shape().size()).sum();
  }

  /**
   * Initial values for every weight, drawn by each weight's initializer from a stream derived from the seed and
   * the weight's full name (so adding a layer does not reshuffle the others), rounded to float32 so a float32
   * backend holds exactly the same numbers as the double-precision reference.
   */
  public Map<String, TensorValue> initialWeights(long seed) {
    return initialWeights(seed, DType.FLOAT32);
  }

  /**
   * {@link #initialWeights(long)} for a model computing in {@code dtype}: drawn values are rounded to float32 in
   * either precision (so a float64 run starts where a float32 one does), given values ({@code FromArray}) only in a
   * float32 model.
   */
  public Map<String, TensorValue> initialWeights(long seed, DType dtype) {
    Map<String, TensorValue> m = new LinkedHashMap<>();
    weightSpecs().forEach((n, w) -> {
      SeededRandom random = new SeededRandom(SeededRandom.derive(seed, n));
      TensorValue v = new TensorValue(w.shape(), w.initializer().sample(w.shape(), random));
      m.put(n, w.initializer() instanceof FromArray && dtype == DType.FLOAT64 ? v : v.roundedToFloat());
    });
    return m;
  }
}
