/**
 * Optimizer update rules, each copying the arithmetic of one TensorFlow training op element by element
 * ({@code ApplyGradientDescent}, {@code ApplyMomentum}, {@code ApplyAdagradV2}, {@code ApplyRMSProp},
 * {@code ApplyCenteredRMSProp}, {@code ApplyAdadelta}, {@code ApplyAdam}, {@code ApplyAdaMax}) so the two backends
 * agree step by step, and the gradient clipping applied before them.
 */
package dev.layerwise.reference.optimizers;
