/**
 * Optimizer update rules, each copying the arithmetic of one TensorFlow training op
 * ({@code ApplyGradientDescent}, {@code ApplyAdam}) so the two backends agree step by step.
 */
package dev.layerwise.reference.optimizers;
