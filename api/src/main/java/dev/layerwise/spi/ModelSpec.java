package dev.layerwise.spi;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Layer;
import dev.layerwise.layers.WeightSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model as backends see it: the input shape and the chain of core layers, each named and shaped, after
 * desugaring ({@code Dense(…, RELU)} is two nodes). It also keeps the user's layers ({@link #layers()}) for
 * summaries and error messages.
 */
public record ModelSpec(String name, Shape inputShape, List<LayerNode> layers, List<LayerNode> nodes) {
  public ModelSpec {
    layers = List.copyOf(layers);
    nodes = List.copyOf(nodes);
  }

  /**
   * Names, shapes and desugars a layer list. The first layer must be an {@link Input}; unnamed layers get
   * Keras-style names ({@code dense}, {@code dense_1}, ...); every name must be unique.
   */
  public static ModelSpec of(String name, List<Layer> layerList) {
    checkArgument(!layerList.isEmpty(), "model '%s' has no layers: start it with Input.shape(...)", name);
    checkArgument(layerList.get(0) instanceof Input,
        "model '%s' must start with an Input layer giving the sample shape, got %s first", name,
        layerList.get(0).describe());
    List<Layer> named = nameAll(layerList);
    List<LayerNode> layers = new ArrayList<>();
    List<LayerNode> nodes = new ArrayList<>();
    Shape shape = ((Input) named.get(0)).shape();
    for (int i = 0; i < named.size(); i++) {
      Layer layer = named.get(i);
      checkArgument(i == 0 || !(layer instanceof Input),
          "model '%s': %s at position %s; Input may only come first", name, layer.describe(), i);
      Shape in = shape;
      for (Layer core : layer.desugar()) {
        Shape out = core.outputShape(shape);
        nodes.add(new LayerNode(core.name(), core, shape, out, core.weights(shape)));
        shape = out;
      }
      layers.add(new LayerNode(layer.name(), layer, in, shape, layer.weights(in)));
    }
    Set<String> seen = new HashSet<>();
    for (LayerNode n : nodes) {
      checkArgument(seen.add(n.name()), "model '%s': layer name '%s' is used twice", name, n.name());
    }
    return new ModelSpec(name, ((Input) named.get(0)).shape(), layers, nodes);
  }

  private static List<Layer> nameAll(List<Layer> layerList) {
    Map<String, Integer> counters = new HashMap<>();
    Set<String> taken = new HashSet<>();
    for (Layer l : layerList) {
      if (l.name() != null) {
        taken.add(l.name());
      }
    }
    List<Layer> named = new ArrayList<>(layerList.size());
    for (Layer l : layerList) {
      if (l.name() != null) {
        named.add(l);
        continue;
      }
      String candidate;
      do {
        int k = counters.merge(l.namePrefix(), 1, Integer::sum) - 1;
        candidate = k == 0 ? l.namePrefix() : l.namePrefix() + "_" + k;
      } while (taken.contains(candidate));
      taken.add(candidate);
      named.add(l.withName(candidate));
    }
    return named;
  }

  /** The first layer gradients cannot flow through (e.g. {@code Hardmax}), if any. */
  public java.util.Optional<LayerNode> firstNonDifferentiable() {
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
   * The same model with every weight's penalty removed: what gradient checks differentiate to test the data loss
   * apart from the regularization (backends read penalties from the nodes' weight specs).
   */
  public ModelSpec withoutRegularizers() {
    List<LayerNode> plain = nodes.stream().map(n -> new LayerNode(n.name(), n.layer(), n.inputShape(),
        n.outputShape(), n.weights().stream().map(w -> new WeightSpec(w.name(), w.shape(), w.initializer(),
            w.trainable(), null)).toList())).toList();
    return new ModelSpec(name, inputShape, layers, plain);
  }

  /** Whether any weight carries a penalty. */
  public boolean hasRegularizers() {
    return nodes.stream().flatMap(n -> n.weights().stream()).anyMatch(w -> w.regularizer() != null);
  }

  public Shape outputShape() {
    return nodes.get(nodes.size() - 1).outputShape();
  }

  public LayerNode lastNode() {
    return nodes.get(nodes.size() - 1);
  }

  /** Every weight by full name, in model order (layer by layer, each layer's own order). */
  public Map<String, WeightSpec> weightSpecs() {
    Map<String, WeightSpec> m = new LinkedHashMap<>();
    for (LayerNode n : nodes) {
      for (WeightSpec w : n.weights()) {
        m.put(n.weightName(w), w);
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

  public long parameterCount() {
    return nodes.stream().mapToLong(LayerNode::parameterCount).sum();
  }

  /**
   * Initial values for every weight, drawn by each weight's initializer from a stream derived from the seed and
   * the weight's full name (so adding a layer does not reshuffle the others), rounded to float32 so a float32
   * backend holds exactly the same numbers as the double-precision reference.
   */
  public Map<String, TensorValue> initialWeights(long seed) {
    Map<String, TensorValue> m = new LinkedHashMap<>();
    weightSpecs().forEach((n, w) -> {
      SeededRandom random = new SeededRandom(SeededRandom.derive(seed, n));
      m.put(n, new TensorValue(w.shape(), w.initializer().sample(w.shape(), random)).roundedToFloat());
    });
    return m;
  }
}
