package dev.layerwise.layers;

import dev.layerwise.Shape;
import java.util.List;

/**
 * A layer spec: an immutable, backend-neutral description of one layer, compiled by each backend.
 *
 * <p>Each permitted record validates its own fields in its compact constructor, infers its output shape and
 * lists its weights. Backends implement {@link LayerVisitor}, so adding a record here stops every backend from
 * compiling until it lowers the new layer. Shapes given to and returned by these methods are per-sample
 * shapes, without the batch dimension.
 *
 * <p>In a functional model a layer is {@linkplain #apply applied} to symbolic tensors. Applying the same layer
 * object twice shares it: one set of weights, used by both applications. Sharing goes by object identity, never by
 * {@code equals}: layers are records, so two separately written {@code Dense.units(64)} are equal, yet they are
 * two layers with two sets of weights.
 */
public sealed interface Layer
    permits Input, Dense, Activation, Flatten, LeakyReLU, PReLU, ELU, Softmax, Maxout, Hardmax, Dropout,
        BatchNormalization, Conv2D, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D, Reshape, Rescaling,
        Normalization, CenterCrop, Resizing, Augmentation, MergeLayer {

  /** The layer's name, or {@code null} until a model names it (Keras style: {@code dense}, {@code dense_1}). */
  String name();

  /** This layer with the given name. */
  Layer withName(String name);

  /** The output shape for a given input shape; throws {@link IllegalArgumentException} if the input does not fit. */
  Shape outputShape(Shape input);

  /**
   * The weights this layer owns for a given input shape, in a fixed order, with short names ({@code kernel});
   * none by default.
   */
  default List<WeightSpec> weights(Shape input) {
    return List.of();
  }

  /**
   * The core layers this layer stands for. Backends only see core layers: {@code Dense(units, RELU)} becomes
   * {@code Dense(units, LINEAR)} followed by {@code Activation(RELU)}, so no backend writes a fused activation.
   * Called on named layers only.
   */
  default List<Layer> desugar() {
    return List.of(this);
  }

  /**
   * Whether gradients flow through this layer. A model with a non-differentiable layer ({@link Hardmax}) can
   * predict but not be trained or gradient-checked.
   */
  default boolean differentiable() {
    return true;
  }

  /** The prefix of generated names, e.g. {@code dense} gives {@code dense}, {@code dense_1}, ... */
  String namePrefix();

  <C, R> R accept(LayerVisitor<C, R> visitor, C context);

  /**
   * Applies this layer to symbolic tensors, giving the tensor it outputs, with its shape inferred now: a tensor of
   * the wrong shape fails here, naming this layer and the tensor. A {@link MergeLayer} takes two or more tensors,
   * every other layer exactly one; an {@link Input} takes none (its {@link Input#tensor()} starts a model).
   *
   * <pre>{@code
   * SymbolicTensor x = Input.shape(784).tensor();
   * SymbolicTensor h = Dense.units(64).withActivation(ActivationFn.RELU).apply(x);
   * SymbolicTensor y = Add.create().apply(h, Dense.units(64).apply(h));
   * }</pre>
   *
   * @throws IllegalArgumentException for the wrong number of tensors or a shape the layer cannot take
   */
  default SymbolicTensor apply(SymbolicTensor... inputs) {
    return SymbolicTensor.applied(this, List.of(inputs));
  }

  /** How errors refer to this layer: {@code Dense 'dense_1'} or just {@code Dense} before it is named. */
  default String describe() {
    String type = getClass().getSimpleName();
    return name() == null ? type : type + " '" + name() + "'";
  }
}
