/**
 * The reference backend: {@link dev.layerwise.reference.RefBackend} ({@code Backend.named("reference")}) and
 * {@link dev.layerwise.reference.RefModel}, which chains the hand-written equations of the sub-packages into
 * forward passes, backpropagation and optimizer updates, in double precision and without autodiff.
 *
 * <p>Each layer, activation, loss and optimizer is one small class with its forward pass and its derivative side
 * by side: {@code layers}, {@code activations}, {@code losses}, {@code optimizers}; {@code tensor} holds the few
 * matrix kernels they share. It is the independent oracle the TensorFlow backend is checked against, so none of
 * its maths may come from that backend.
 */
package dev.layerwise.reference;
