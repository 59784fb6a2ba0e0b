package dev.layerwise.layers;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;
import java.util.List;

/**
 * Applies an activation function ({@link ActivationFn}) element-wise; softmax normalises over the last axis.
 *
 * <p>Input shape: any, rank ≥ 1. Output shape: same as the input.
 */
public record Activation(String name, ActivationFn function) implements Layer {
  public Activation {
    LayerNames.check("Activation", name);
    requireNonNull(function, "Activation: function");
  }

  public static Activation of(ActivationFn function) {
    return new Activation(null, function);
  }

  @Override
  public Activation withName(String name) {
    return new Activation(name, function);
  }

  @Override
  public Shape outputShape(Shape input) {
    checkArgument(input.rank() >= 1, "%s expects an input of rank ≥ 1 per sample, got %s", describe(), input);
    return input;
  }


  @Override
  public String namePrefix() {
    return "activation";
  }

  /**
   * The core layers of a layer with a fused activation: the layer itself, then, unless the activation is
   * linear, an {@code Activation} named {@code <name>_<activation>}.
   */
  static List<Layer> desugarAfter(Layer linear, String name, ActivationFn activation) {
    if (activation == ActivationFn.LINEAR) {
      return List.of(linear);
    }
    return List.of(linear, new Activation(name + "_" + activation.kerasName(), activation));
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitActivation(this, context);
  }
}
