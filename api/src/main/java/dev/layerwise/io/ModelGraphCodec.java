package dev.layerwise.io;

import dev.layerwise.Model;
import dev.layerwise.Sequential;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Layer;
import dev.layerwise.layers.SymbolicTensor;
import dev.layerwise.spi.LayerNode;
import dev.layerwise.spi.ModelSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code model} of a graph archive ({@link ModelArchive#GRAPH_FORMAT_VERSION}): Keras's idea of storing each
 * layer's config once and, per application of a layer, the nodes it takes (Keras's {@code inbound_nodes}), in a
 * format of our own:
 *
 * <pre>{@code
 * "model": {
 *   "class_name": "Model",                      // or "Sequential": what loading gives back
 *   "name": "two_tower", "seed": 42,
 *   "layers": [{"class_name": "Input", "config": {"name": "image", "shape": [4]}},
 *              {"class_name": "Dense", "config": {"name": "encoder", "units": 8, ...}}, ...],
 *   "nodes": [{"name": "image", "layer": "image", "inbound": []},
 *             {"name": "encoder", "layer": "encoder", "inbound": ["image"]},
 *             {"name": "encoder/call_1", "layer": "encoder", "inbound": ["meta"]}, ...],
 *   "inputs": ["image", "meta"],
 *   "outputs": ["class", "score"],
 *   "frozen": ["encoder"]                       // only when some layer is frozen
 * }
 * }</pre>
 *
 * {@code layers} holds every layer once, named, in the order of its first application; {@code nodes} every
 * application before desugaring ({@link ModelSpec#layers()}), each naming its layer and the nodes whose outputs it
 * takes in argument order; {@code inputs} and {@code outputs} name nodes, in the model's order. Reading builds the
 * model again through the public functional API — one layer object per entry of {@code layers}, so a layer applied
 * by several nodes shares its weights again — after checking, with the node named, what code cannot get wrong but a
 * file can: unknown layer or node names, two layers or nodes of one name, an {@code Input} taking something or
 * applied twice, a node no output depends on, and cycles ({@link GraphOrder}).
 */
final class ModelGraphCodec {
  static final String MODEL = "Model";
  static final String SEQUENTIAL = "Sequential";

  private ModelGraphCodec() {}

  /** The {@code model} value for a model compiled from {@code seed}. */
  static Map<String, Object> toJson(Model model, long seed) {
    ModelSpec spec = model.spec();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("class_name", model instanceof Sequential ? SEQUENTIAL : MODEL);
    m.put("name", spec.name());
    m.put("seed", seed);
    List<Object> layers = new ArrayList<>();
    List<Object> nodes = new ArrayList<>();
    for (LayerNode n : spec.layers()) {
      if (n.ownsWeights()) {
        layers.add(RecordCodec.toJson(n.layer()));
      }
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("name", n.name());
      node.put("layer", n.layer().name());
      node.put("inbound", new ArrayList<Object>(n.inbound()));
      nodes.add(node);
    }
    m.put("layers", layers);
    m.put("nodes", nodes);
    m.put("inputs", new ArrayList<Object>(spec.inputs()));
    m.put("outputs", new ArrayList<Object>(spec.outputNames()));
    if (!spec.frozen().isEmpty()) {
      m.put("frozen", new ArrayList<Object>(spec.frozen()));
    }
    return m;
  }

  /** One entry of {@code model.nodes}, checked for form. */
  private record Node(String name, String layer, List<String> inbound) {}

  /**
   * The model a {@code model} value describes, with its name; the seed is the caller's.
   *
   * @throws IllegalArgumentException naming the entry ({@code model.nodes[3] 'add': ...}) and what is wrong
   */
  static Model fromJson(Map<?, ?> m) {
    Model model = structure(m);
    if (m.get("frozen") == null) {
      return model;
    }
    List<?> frozen = list(m.get("frozen"), "model.frozen");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < frozen.size(); i++) {
      names.add(string(frozen.get(i), "model.frozen[" + i + "]"));
    }
    try {
      return model.withTrainable(false, names.toArray(String[]::new));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("model.frozen: " + e.getMessage(), e);
    }
  }

  /** The model's layers and graph, before any layer is frozen. */
  private static Model structure(Map<?, ?> m) {
    String kind = string(m.get("class_name"), "model.class_name");
    if (!kind.equals(MODEL) && !kind.equals(SEQUENTIAL)) {
      throw new IllegalArgumentException("model.class_name: expected '" + MODEL + "' or '" + SEQUENTIAL + "', got "
          + ArchiveReader.shown(kind));
    }
    String name = string(m.get("name"), "model.name");
    Map<String, Layer> layers = layers(list(m.get("layers"), "model.layers"));
    Map<String, Node> nodes = nodes(list(m.get("nodes"), "model.nodes"), layers);
    List<String> inputs = names(m.get("inputs"), "model.inputs", nodes);
    List<String> outputs = names(m.get("outputs"), "model.outputs", nodes);
    Map<String, List<String>> inbound = new LinkedHashMap<>();
    nodes.forEach((n, node) -> inbound.put(n, node.inbound()));
    List<String> order = GraphOrder.topological(inbound);
    List<String> unused = GraphOrder.unreached(inbound, outputs);
    if (!unused.isEmpty()) {
      throw new IllegalArgumentException("model.nodes: no output " + outputs + " depends on the nodes "
          + ArchiveReader.shown(unused) + "; an archive lists only what the model computes");
    }
    if (kind.equals(SEQUENTIAL)) {
      return chain(name, nodes, layers, inputs, outputs);
    }
    Map<String, SymbolicTensor> tensors = new HashMap<>();
    for (String n : order) {
      Node node = nodes.get(n);
      Layer layer = layers.get(node.layer());
      try {
        tensors.put(n, layer instanceof Input in ? in.tensor()
            : layer.apply(node.inbound().stream().map(tensors::get).toArray(SymbolicTensor[]::new)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("model.nodes '" + n + "': " + e.getMessage(), e);
      }
    }
    return Model.of(inputs.stream().map(tensors::get).toList(), outputs.stream().map(tensors::get).toList())
        .withName(name);
  }

  /** Each layer by name, one object each: the nodes applying the same name apply the same object. */
  private static Map<String, Layer> layers(List<?> json) {
    Map<String, Layer> layers = new LinkedHashMap<>();
    for (int i = 0; i < json.size(); i++) {
      String at = "model.layers[" + i + "]";
      Layer layer = RecordCodec.fromJson(json.get(i), Layer.class, at);
      if (layer.name() == null) {
        throw new IllegalArgumentException(at + ": " + layer.describe() + " has no name; nodes refer to layers by"
            + " name");
      }
      if (layers.putIfAbsent(layer.name(), layer) != null) {
        throw new IllegalArgumentException(at + ": a second layer named '" + layer.name() + "' ("
            + layers.get(layer.name()).describe() + " and " + layer.describe() + "); a layer applied several times is"
            + " listed once");
      }
    }
    return layers;
  }

  private static Map<String, Node> nodes(List<?> json, Map<String, Layer> layers) {
    Map<String, Node> nodes = new LinkedHashMap<>();
    for (int i = 0; i < json.size(); i++) {
      String at = "model.nodes[" + i + "]";
      if (!(json.get(i) instanceof Map<?, ?> m)) {
        throw new IllegalArgumentException(at + ": expected {\"name\", \"layer\", \"inbound\"}, got "
            + ArchiveReader.shown(json.get(i)));
      }
      String name = string(m.get("name"), at + ".name");
      at += " '" + name + "'";
      String layer = string(m.get("layer"), at + ".layer");
      List<String> inbound = new ArrayList<>();
      List<?> in = list(m.get("inbound"), at + ".inbound");
      for (int k = 0; k < in.size(); k++) {
        inbound.add(string(in.get(k), at + ".inbound[" + k + "]"));
      }
      if (!layers.containsKey(layer)) {
        throw new IllegalArgumentException(at + " applies layer '" + layer + "', which model.layers does not hold;"
            + " its layers are " + ArchiveReader.shown(layers.keySet()));
      }
      boolean input = layers.get(layer) instanceof Input;
      if (input != inbound.isEmpty()) {
        throw new IllegalArgumentException(at + ": " + layers.get(layer).describe() + (input ? " is a model input"
            + " and takes nothing, but the node takes " + inbound : " takes no input; only an Input does"));
      }
      if (nodes.putIfAbsent(name, new Node(name, layer, inbound)) != null) {
        throw new IllegalArgumentException(at + ": a second node named '" + name + "'");
      }
    }
    Set<String> applied = new HashSet<>();
    for (Node node : nodes.values()) {
      for (String in : node.inbound()) {
        if (!nodes.containsKey(in)) {
          throw new IllegalArgumentException("model.nodes '" + node.name() + "' takes '" + in + "', which is not a"
              + " node of the model; its nodes are " + ArchiveReader.shown(nodes.keySet()));
        }
      }
      if (!applied.add(node.layer()) && layers.get(node.layer()) instanceof Input) {
        throw new IllegalArgumentException("model.nodes '" + node.name() + "' applies " + layers.get(node.layer())
            .describe() + " again; each Input is one model input, applied by one node");
      }
    }
    for (String layer : layers.keySet()) {
      if (!applied.contains(layer)) {
        throw new IllegalArgumentException("model.layers: no node applies layer '" + layer + "'");
      }
    }
    return nodes;
  }

  /** A Sequential: the nodes must form the chain from its one input to its one output, in file order. */
  private static Model chain(String name, Map<String, Node> nodes, Map<String, Layer> layers, List<String> inputs,
      List<String> outputs) {
    List<Node> chain = List.copyOf(nodes.values());
    String first = chain.get(0).name();
    String last = chain.get(chain.size() - 1).name();
    if (!inputs.equals(List.of(first)) || !outputs.equals(List.of(last))) {
      throw new IllegalArgumentException("model: a Sequential goes from its first node '" + first + "' to its last '"
          + last + "', but the archive gives inputs " + inputs + " and outputs " + outputs);
    }
    List<Layer> stack = new ArrayList<>();
    for (int i = 0; i < chain.size(); i++) {
      Node node = chain.get(i);
      List<String> expected = i == 0 ? List.of() : List.of(chain.get(i - 1).name());
      if (!node.inbound().equals(expected)) {
        throw new IllegalArgumentException("model.nodes '" + node.name() + "': in a Sequential each node takes the"
            + " one before it, " + expected + ", but it takes " + node.inbound());
      }
      stack.add(layers.get(node.layer()));
    }
    return Sequential.of(stack).withName(name);
  }

  private static List<String> names(Object json, String at, Map<String, Node> nodes) {
    List<?> l = list(json, at);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < l.size(); i++) {
      String n = string(l.get(i), at + "[" + i + "]");
      if (!nodes.containsKey(n)) {
        throw new IllegalArgumentException(at + " names '" + n + "', which is not a node of the model; its nodes are "
            + ArchiveReader.shown(nodes.keySet()));
      }
      names.add(n);
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException(at + " is empty; a model has at least one");
    }
    return names;
  }

  private static List<?> list(Object json, String at) {
    if (!(json instanceof List<?> l)) {
      throw new IllegalArgumentException(at + " should be a list, got " + ArchiveReader.shown(json));
    }
    return l;
  }

  private static String string(Object json, String at) {
    if (!(json instanceof String s)) {
      throw new IllegalArgumentException(at + " should be a string, got " + ArchiveReader.shown(json));
    }
    return s;
  }
}
