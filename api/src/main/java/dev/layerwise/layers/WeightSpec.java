package dev.layerwise.layers;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;
import dev.layerwise.init.Initializer;
import dev.layerwise.regularizers.Regularizer;

/**
 * One weight a layer owns: its short name ({@code kernel}, {@code bias}, {@code moving_mean}), shape,
 * initializer, whether the optimizer updates it, and an optional penalty added to the loss. A model qualifies the
 * name with the layer's ({@code dense_1/kernel}). Non-trainable weights are state the layer updates itself (batch
 * normalisation's moving statistics).
 *
 * @param regularizer the penalty on this weight, or {@code null}
 */
public record WeightSpec(String name, Shape shape, Initializer initializer, boolean trainable,
    Regularizer regularizer) {
  public WeightSpec {
    requireNonNull(name, "name");
    requireNonNull(shape, "shape");
    requireNonNull(initializer, "initializer");
    checkArgument(!name.isEmpty() && !name.contains("/"), "weight names are short and have no '/', got '%s'", name);
    checkArgument(trainable || regularizer == null, "weight '%s' is not trainable and cannot be regularized", name);
  }

  public static WeightSpec trainable(String name, Shape shape, Initializer initializer) {
    return new WeightSpec(name, shape, initializer, true, null);
  }

  public static WeightSpec trainable(String name, Shape shape, Initializer initializer, Regularizer regularizer) {
    return new WeightSpec(name, shape, initializer, true, regularizer);
  }

  /** A non-trainable weight the layer updates itself during training. */
  public static WeightSpec state(String name, Shape shape, Initializer initializer) {
    return new WeightSpec(name, shape, initializer, false, null);
  }
}
