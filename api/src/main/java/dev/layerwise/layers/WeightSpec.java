package dev.layerwise.layers;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;
import dev.layerwise.init.Initializer;

/**
 * One weight a layer owns: its short name ({@code kernel}, {@code bias}), shape, initializer and whether the
 * optimizer updates it. A model qualifies the name with the layer's ({@code dense_1/kernel}).
 */
public record WeightSpec(String name, Shape shape, Initializer initializer, boolean trainable) {
  public WeightSpec {
    requireNonNull(name, "name");
    requireNonNull(shape, "shape");
    requireNonNull(initializer, "initializer");
    checkArgument(!name.isEmpty() && !name.contains("/"), "weight names are short and have no '/', got '%s'", name);
  }

  public static WeightSpec trainable(String name, Shape shape, Initializer initializer) {
    return new WeightSpec(name, shape, initializer, true);
  }
}
