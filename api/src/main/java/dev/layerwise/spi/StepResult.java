package dev.layerwise.spi;

/**
 * What a training or evaluation step returns.
 *
 * @param loss the objective of the batch: the mean data loss plus the regularization penalty (before the update,
 *     in a training step)
 * @param regularizationLoss the penalty part of {@code loss} (0 without regularizers)
 * @param predictions the model's outputs for the batch ({@code size × outputSize}, row-major), from which the
 *     api computes the metrics
 */
public record StepResult(double loss, double regularizationLoss, float[] predictions) {}
