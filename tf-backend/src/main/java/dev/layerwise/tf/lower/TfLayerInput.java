package dev.layerwise.tf.lower;

import dev.layerwise.spi.LayerNode;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * What lowering one layer starts from: the node (name, shapes, weights), its input tensor
 * ({@code [batch, ...node.inputShape()]}) and whether the training-mode graph is being built.
 */
public record TfLayerInput<T extends TFloating>(LayerNode node, Operand<T> x, boolean training) {}
