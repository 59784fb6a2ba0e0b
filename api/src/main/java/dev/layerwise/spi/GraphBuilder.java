package dev.layerwise.spi;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;
import dev.layerwise.init.FromArray;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Layer;
import dev.layerwise.layers.MergeLayer;
import dev.layerwise.layers.Normalization;
import dev.layerwise.layers.SymbolicTensor;
import dev.layerwise.layers.WeightSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one builder of {@link ModelSpec}s, for chains and graphs alike. It walks the symbolic tensors from the outputs
 * back to the inputs, orders the applications (see {@link ModelSpec} for the order), names every layer, checks the
 * graph, and desugars each application into core nodes.
 *
 * <p>Layers are told apart by object identity: the same object applied twice is one layer with two applications
 * (its weights shared), two equal but distinct objects are two layers. An {@code Input} is the exception: each of
 * its tensors is an input of its own.
 */
final class GraphBuilder {
  private final String model;
  private final List<SymbolicTensor> inputs;
  private final List<SymbolicTensor> outputs;
  /** Every application in topological order (inputs first). */
  private final List<SymbolicTensor> order = new ArrayList<>();
  /** The name each layer object gets (for an Input, each input tensor), by identity. */
  private final Map<Object, Layer> named = new IdentityHashMap<>();
  /** The user node name of each application, by identity. */
  private final Map<SymbolicTensor, String> userNames = new IdentityHashMap<>();
  /** The last core node of each application: what its consumers take. */
  private final Map<SymbolicTensor, String> lastCore = new IdentityHashMap<>();

  GraphBuilder(String model, List<SymbolicTensor> inputs, List<SymbolicTensor> outputs) {
    checkArgument(model != null, "a model needs a name");
    this.model = model;
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
  }

  /** A chain: its layers named in list order, each applied to the previous one's output, then built as a graph. */
  static ModelSpec chain(String model, List<Layer> layers) {
    checkArgument(!layers.isEmpty(), "model '%s' has no layers: start it with Input.shape(...)", model);
    checkArgument(layers.get(0) instanceof Input, "model '%s' must start with an Input layer giving the sample shape,"
        + " got %s first", model, layers.get(0).describe());
    Map<Layer, Layer> names = new IdentityHashMap<>();
    List<Layer> distinct = new ArrayList<>();
    for (Layer l : layers) {
      if (!names.containsKey(l)) {
        names.put(l, l);
        distinct.add(l);
      }
    }
    List<Layer> namedDistinct = nameAll(model, distinct);
    for (int i = 0; i < distinct.size(); i++) {
      names.put(distinct.get(i), namedDistinct.get(i));
    }
    for (int i = 1; i < layers.size(); i++) {
      checkArgument(!(layers.get(i) instanceof Input), "model '%s': %s at position %s; Input may only come first",
          model, names.get(layers.get(i)).describe(), i);
    }
    SymbolicTensor input = ((Input) names.get(layers.get(0))).tensor();
    SymbolicTensor t = input;
    for (Layer l : layers.subList(1, layers.size())) {
      t = names.get(l).apply(t);
    }
    return new GraphBuilder(model, List.of(input), List.of(t)).build();
  }

  ModelSpec build() {
    checkArgument(!inputs.isEmpty(), "model '%s' has no inputs: give the tensors of its Inputs", model);
    checkArgument(!outputs.isEmpty(), "model '%s' has no outputs: give the tensors it computes", model);
    checkDistinct("input", inputs);
    checkDistinct("output", outputs);
    for (int i = 0; i < inputs.size(); i++) {
      checkArgument(inputs.get(i).isInput(), "model '%s': input %s is %s, not the tensor of an Input (use"
          + " Input.shape(...).tensor())", model, i, inputs.get(i).describe());
    }
    Set<SymbolicTensor> reached = walk();
    name();
    checkInputs(reached);
    return desugar();
  }

  private void checkDistinct(String what, List<SymbolicTensor> tensors) {
    Set<SymbolicTensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (SymbolicTensor t : tensors) {
      checkArgument(seen.add(t), "model '%s': %s is given twice as an %s", model, t.describe(), what);
    }
  }

  /**
   * Fills {@link #order}: the inputs, then a depth-first post-order from the outputs (iterative, so deep chains do
   * not overflow the stack). Returns the applications the outputs depend on.
   */
  private Set<SymbolicTensor> walk() {
    Set<SymbolicTensor> placed = Collections.newSetFromMap(new IdentityHashMap<>());
    order.addAll(inputs);
    placed.addAll(inputs);
    Set<SymbolicTensor> reached = Collections.newSetFromMap(new IdentityHashMap<>());
    for (SymbolicTensor out : outputs) {
      Deque<SymbolicTensor> stack = new ArrayDeque<>();
      Deque<Integer> next = new ArrayDeque<>();
      if (reached.add(out)) {
        stack.push(out);
        next.push(0);
      }
      while (!stack.isEmpty()) {
        SymbolicTensor t = stack.peek();
        int k = next.pop();
        if (k < t.inbound().size()) {
          next.push(k + 1);
          SymbolicTensor in = t.inbound().get(k);
          if (reached.add(in)) {
            stack.push(in);
            next.push(0);
          }
        } else {
          stack.pop();
          if (placed.add(t)) {
            order.add(t);
          }
        }
      }
    }
    return reached;
  }

  /** Names every layer object (every input tensor), Keras style, keeping the names users gave. */
  private void name() {
    List<Object> keys = new ArrayList<>();
    List<Layer> layers = new ArrayList<>();
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (SymbolicTensor t : order) {
      Object key = key(t);
      if (seen.add(key)) {
        keys.add(key);
        layers.add(t.layer());
      }
    }
    List<Layer> result = nameAll(model, layers);
    for (int i = 0; i < keys.size(); i++) {
      named.put(keys.get(i), result.get(i));
    }
  }

  /** What identifies a layer: the object, except that each input tensor is an Input of its own. */
  private static Object key(SymbolicTensor t) {
    return t.isInput() ? t : t.layer();
  }

  /**
   * Names distinct layers: a given name is kept (two distinct layers may not share one); the others get their
   * prefix with the first free counter, in order ({@code dense}, {@code dense_1}, …), skipping the names given.
   */
  static List<Layer> nameAll(String model, List<Layer> layers) {
    Map<String, Layer> taken = new HashMap<>();
    for (Layer l : layers) {
      if (l.name() != null) {
        Layer other = taken.putIfAbsent(l.name(), l);
        if (other != null) {
          throw new IllegalArgumentException(String.format("model '%s': layer name '%s' is used twice, by two"
              + " different layers (%s and %s); to share a layer, apply the same object", model, l.name(),
              other.describe(), l.describe()));
        }
      }
    }
    Map<String, Integer> counters = new HashMap<>();
    List<Layer> out = new ArrayList<>(layers.size());
    for (Layer l : layers) {
      if (l.name() != null) {
        out.add(l);
        continue;
      }
      String candidate;
      do {
        int k = counters.merge(l.namePrefix(), 1, Integer::sum) - 1;
        candidate = k == 0 ? l.namePrefix() : l.namePrefix() + "_" + k;
      } while (taken.containsKey(candidate));
      Layer n = l.withName(candidate);
      taken.put(candidate, n);
      out.add(n);
    }
    return out;
  }

  /** Refuses inputs from outside the model and inputs no output uses, by name. */
  private void checkInputs(Set<SymbolicTensor> reached) {
    Set<SymbolicTensor> given = Collections.newSetFromMap(new IdentityHashMap<>());
    given.addAll(inputs);
    List<String> inputNames = inputs.stream().map(t -> named.get(t).name()).toList();
    for (SymbolicTensor t : order) {
      for (SymbolicTensor in : t.inbound()) {
        if (in.isInput() && !given.contains(in)) {
          throw new IllegalArgumentException(String.format("model '%s': layer '%s' needs input '%s', which is not"
              + " among the model's inputs %s; give Model.of every input its outputs depend on", model,
              named.get(key(t)).name(), named.get(in).name(), inputNames));
        }
      }
    }
    for (SymbolicTensor out : outputs) {
      if (out.isInput() && !given.contains(out)) {
        throw new IllegalArgumentException(String.format("model '%s': output '%s' is an input that is not among the"
            + " model's inputs %s", model, named.get(out).name(), inputNames));
      }
    }
    for (SymbolicTensor in : inputs) {
      checkArgument(reached.contains(in), "model '%s': input '%s' is not used by any output; leave it out of the"
          + " model's inputs or connect it", model, named.get(in).name());
    }
  }

  /** The user nodes and the core nodes, in {@link #order}. */
  private ModelSpec desugar() {
    List<LayerNode> layers = new ArrayList<>();
    List<LayerNode> nodes = new ArrayList<>();
    Map<Object, Integer> calls = new IdentityHashMap<>();
    Map<Object, LayerNode> first = new IdentityHashMap<>();
    for (SymbolicTensor t : order) {
      Object key = key(t);
      Layer layer = named.get(key);
      int call = calls.merge(key, 1, Integer::sum) - 1;
      String userName = call == 0 ? layer.name() : layer.name() + "/call_" + call;
      List<String> inbound = t.inbound().stream().map(userNames::get).toList();
      List<Shape> shapes = t.inbound().stream().map(SymbolicTensor::shape).toList();
      List<WeightSpec> weights = t.isInput() || layer instanceof MergeLayer ? List.of()
          : weightsOf(layer, shapes.get(0));
      if (call > 0) {
        checkReuse(first.get(key), layer, shapes, weights);
      }
      LayerNode user = new LayerNode(userName, layer, inbound, shapes, t.shape(), weights, layer.name());
      if (call == 0) {
        first.put(key, user);
      }
      layers.add(user);
      userNames.put(t, userName);
      List<String> coreInbound = t.inbound().stream().map(lastCore::get).toList();
      List<Shape> coreShapes = shapes;
      for (Layer core : t.isInput() ? List.of(layer) : layer.desugar()) {
        checkArgument(core.name().startsWith(layer.name()), "%s desugars into %s, whose name does not start with"
            + " the layer's", layer.describe(), core.describe());
        String nodeName = call == 0 ? core.name() : userName + core.name().substring(layer.name().length());
        Shape out = core instanceof MergeLayer merge ? merge.outputShape(coreShapes, coreInbound)
            : core instanceof Input in ? in.shape() : core.outputShape(coreShapes.get(0));
        List<WeightSpec> coreWeights = core instanceof Input || core instanceof MergeLayer ? List.of()
            : core.weights(coreShapes.get(0));
        nodes.add(new LayerNode(nodeName, core, coreInbound, coreShapes, out, coreWeights, core.name()));
        coreInbound = List.of(nodeName);
        coreShapes = List.of(out);
      }
      lastCore.put(t, coreInbound.get(0));
    }
    Set<String> seen = new HashSet<>();
    for (LayerNode n : nodes) {
      checkArgument(seen.add(n.name()), "model '%s': layer name '%s' is used twice", model, n.name());
    }
    return new ModelSpec(model, inputs.stream().map(userNames::get).toList(),
        outputs.stream().map(lastCore::get).toList(), outputs.stream().map(userNames::get).toList(), nodes,
        layers);
  }

  /** The layer's weights for that input, each given array of values checked against its weight's shape. */
  private List<WeightSpec> weightsOf(Layer layer, Shape input) {
    List<WeightSpec> weights = layer.weights(input);
    for (WeightSpec w : weights) {
      if (w.initializer() instanceof FromArray given) {
        try {
          given.checkFits(w.shape());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(String.format("model '%s': %s, weight '%s': %s", model,
              layer.describe(), w.name(), e.getMessage()), e);
        }
      }
    }
    return weights;
  }

  /**
   * A further application of a shared layer must fit the weights of its first one, and a layer whose training
   * updates state (batch normalisation's moving statistics) cannot be shared: each application would overwrite it.
   * Normalization's statistics are state nothing updates, so it may be shared (one normalisation for two inputs).
   */
  private void checkReuse(LayerNode first, Layer layer, List<Shape> shapes, List<WeightSpec> weights) {
    checkArgument(!(layer instanceof BatchNormalization) && (layer instanceof Normalization
        || first.weights().stream().allMatch(WeightSpec::trainable)),
        "model '%s': %s is applied twice, but a shared layer cannot keep moving statistics (each application"
            + " would overwrite them in training); use a separate layer for each application", model,
        layer.describe());
    List<Shape> was = first.weights().stream().map(WeightSpec::shape).toList();
    List<Shape> now = weights.stream().map(WeightSpec::shape).toList();
    checkArgument(was.equals(now), "model '%s': %s was first applied to inputs of shape %s, with weights of shapes"
        + " %s; applied again to %s it would need %s. A shared layer keeps one set of weights", model,
        layer.describe(), first.inputShapes(), was, shapes, now);
  }
}
