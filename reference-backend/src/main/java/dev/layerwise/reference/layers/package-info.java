/**
 * Layer equations: the {@link dev.layerwise.reference.layers.RefLayerEquations} anatomy (forward returns the
 * output and a {@code Saved} record; backward returns dx and the named parameter gradients) and the core layers
 * {@code Input}, {@code Dense} and {@code Flatten}.
 */
package dev.layerwise.reference.layers;
