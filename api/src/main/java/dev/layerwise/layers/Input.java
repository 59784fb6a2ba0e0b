package dev.layerwise.layers;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;

/**
 * The model's input: the shape of one sample, without the batch dimension ({@code Input.shape(28, 28)} for
 * Fashion-MNIST images). Every {@code Sequential} starts with one; a functional model starts from the tensors of
 * its inputs ({@link #tensor()}).
 *
 * <p>Input shape: none (it is the first layer). Output shape: {@code shape}.
 */
public record Input(String name, Shape shape) implements Layer {
  public Input {
    LayerNames.check("Input", name);
    requireNonNull(shape, "Input: shape");
    checkArgument(shape.rank() >= 1, "Input: shape must have at least one dimension, got %s", shape);
  }

  public static Input shape(int... dims) {
    return new Input(null, Shape.of(dims));
  }

  public static Input of(Shape shape) {
    return new Input(null, shape);
  }

  /**
   * A new symbolic tensor for one input of a functional model: each call is another input, so call it once per
   * input ({@code SymbolicTensor image = Input.shape(28, 28).withName("image").tensor();}).
   */
  public SymbolicTensor tensor() {
    return SymbolicTensor.input(this);
  }

  @Override
  public Input withName(String name) {
    return new Input(name, shape);
  }

  @Override
  public Shape outputShape(Shape input) {
    return shape;
  }


  @Override
  public String namePrefix() {
    return "input_layer";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitInput(this, context);
  }
}
