package dev.layerwise.spi;

import java.util.Map;

/**
 * Everything one backward pass yields, for conformance checks and gradient checking.
 *
 * @param loss the objective's value ({@code NaN} when the pass was seeded with an output cotangent, not a loss)
 * @param output the model's output for the batch
 * @param inputGradient {@code ∂L/∂x}, shaped like the batch's features
 * @param weightGradients {@code ∂L/∂w} for every trainable weight, by full name, in the model's weight order
 */
public record Gradients(
    double loss, TensorValue output, TensorValue inputGradient, Map<String, TensorValue> weightGradients) {}
