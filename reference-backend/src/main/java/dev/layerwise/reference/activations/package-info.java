/**
 * Activation equations (linear, ReLU, sigmoid, tanh, softmax), each a parameter-free
 * {@link dev.layerwise.reference.layers.RefLayerEquations} with its derivative written next to it.
 */
package dev.layerwise.reference.activations;
