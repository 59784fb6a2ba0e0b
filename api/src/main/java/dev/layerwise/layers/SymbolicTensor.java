package dev.layerwise.layers;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * A handle on a tensor of a functional model before the model exists: what {@link Input#tensor()} and
 * {@link Layer#apply} return, and what {@code Model.of(inputs, outputs)} is built from. It holds no values, only
 * how the tensor is made: the layer object applied, the tensors it was applied to (in argument order) and the
 * per-sample shape of the result, inferred when the layer was applied.
 *
 * <p>Immutable, and compared by identity: two handles are the same tensor only if they are the same object, even
 * when the same layer was applied to the same inputs twice. A handle can only be made from existing handles, so the
 * graph they form has no cycles.
 */
public final class SymbolicTensor {
  private final Layer layer;
  private final List<SymbolicTensor> inbound;
  private final Shape shape;

  private SymbolicTensor(Layer layer, List<SymbolicTensor> inbound, Shape shape) {
    this.layer = layer;
    this.inbound = List.copyOf(inbound);
    this.shape = shape;
  }

  static SymbolicTensor input(Input input) {
    return new SymbolicTensor(input, List.of(), input.shape());
  }

  /** The tensor {@code layer} outputs when applied to {@code inputs}: the arity and the shapes checked here. */
  static SymbolicTensor applied(Layer layer, List<SymbolicTensor> inputs) {
    requireNonNull(layer, "layer");
    for (int i = 0; i < inputs.size(); i++) {
      requireNonNull(inputs.get(i), layer.describe() + ".apply: tensor " + i + " is null");
    }
    checkArgument(!(layer instanceof Input), "%s is applied to nothing: use its tensor() to start a model",
        layer.describe());
    List<Shape> shapes = inputs.stream().map(SymbolicTensor::shape).toList();
    if (layer instanceof MergeLayer merge) {
      List<String> names = new ArrayList<>();
      inputs.forEach(t -> names.add(t.describe()));
      return new SymbolicTensor(layer, inputs, merge.outputShape(shapes, names));
    }
    checkArgument(inputs.size() == 1, "%s is applied to exactly one tensor, got %s", layer.describe(),
        inputs.size());
    SymbolicTensor in = inputs.get(0);
    try {
      return new SymbolicTensor(layer, inputs, layer.outputShape(in.shape()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(String.format("%s cannot be applied to %s: %s", layer.describe(),
          in.describe(), e.getMessage()), e);
    }
  }

  /** The layer object whose application made this tensor (an {@link Input} for a model input). */
  public Layer layer() {
    return layer;
  }

  /** The tensors the layer was applied to, in argument order; empty for a model input. */
  public List<SymbolicTensor> inbound() {
    return inbound;
  }

  /** The per-sample shape, without the batch dimension. */
  public Shape shape() {
    return shape;
  }

  /** Whether this is a model input ({@link Input#tensor()}). */
  public boolean isInput() {
    return layer instanceof Input && inbound.isEmpty();
  }

  /** How messages refer to it: {@code the output of Dense 'hidden' [?, 64]}, {@code Input 'image' [?, 28, 28]}. */
  public String describe() {
    return (isInput() ? "" : "the output of ") + layer.describe() + " " + shape.toBatchString();
  }

  @Override
  public String toString() {
    return "SymbolicTensor[" + describe() + "]";
  }
}
