package dev.layerwise.tf.lower;

import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * A layer-state write a training-mode layer asks for (batch normalisation's moving statistics), handed to the
 * graph builder instead of built as an assign op on the spot: the builder orders it after the step's checks, so a
 * step refused for a non-finite value writes no state either.
 *
 * @param name the weight's full name ({@code batch_normalization/moving_mean})
 * @param variable the state variable
 * @param next its new value, computed from this step's forward pass
 */
public record TfStateUpdate<T extends TFloating>(String name, Operand<T> variable, Operand<T> next) {}
