/**
 * Layer equations: the {@link dev.layerwise.reference.layers.RefLayerEquations} anatomy (forward returns the
 * output and a {@code Saved} record; backward returns dx and the named parameter gradients; layers with state
 * report its update) and the core layers: Dense, Maxout, Conv2D, max/average/global-average pooling, batch
 * normalisation, dropout (given its mask), and the identity for Input, Flatten and Reshape.
 */
package dev.layerwise.reference.layers;
