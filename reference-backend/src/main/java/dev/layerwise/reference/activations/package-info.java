/**
 * Activation equations, each a {@link dev.layerwise.reference.layers.RefLayerEquations} with its derivative
 * written next to it: element-wise ReLU, leaky ReLU, ELU, SELU, sigmoid and tanh (on
 * {@link dev.layerwise.reference.activations.ElementwiseEquations}), PReLU with its learned slope, softmax over any
 * axis, and the inference-only hardmax. Each states its derivative at the kink.
 */
package dev.layerwise.reference.activations;
