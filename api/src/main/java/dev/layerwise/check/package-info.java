/**
 * Gradient checking for users' models: {@link dev.layerwise.check.GradientCheck} compares a model's backward pass
 * with finite differences of its forward pass, tensor by tensor, and explains what it finds in a
 * {@link dev.layerwise.check.GradientCheckReport}.
 */
package dev.layerwise.check;
