package dev.layerwise.spi;

import java.util.Map;

/**
 * Everything one backward pass yields, for conformance checks and gradient checking.
 *
 * @param loss the objective's value, data loss plus regularization ({@code NaN} when the pass was seeded with an
 *     output cotangent rather than a loss)
 * @param regularizationLoss the regularization part of {@code loss} (0 without regularizers, {@code NaN} with a
 *     cotangent)
 * @param output the model's output for the batch
 * @param inputGradient {@code ∂L/∂x}, shaped like the batch's features
 * @param weightGradients {@code ∂L/∂w} for every trainable weight, by full name, in the model's weight order;
 *     from {@code lossGradients} they include the regularization penalty's gradient, from {@code outputGradients}
 *     (the plain vector–Jacobian product) they do not
 */
public record Gradients(double loss, double regularizationLoss, TensorValue output, TensorValue inputGradient,
    Map<String, TensorValue> weightGradients) {}
