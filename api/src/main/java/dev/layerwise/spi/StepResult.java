package dev.layerwise.spi;

/**
 * What a training or evaluation step returns: the batch's mean loss (the objective as optimised, before the
 * update in a training step) and the model's outputs for the batch ({@code size × outputSize}, row-major), from
 * which the api computes the metrics.
 */
public record StepResult(double loss, float[] predictions) {}
