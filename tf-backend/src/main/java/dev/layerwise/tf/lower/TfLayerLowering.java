package dev.layerwise.tf.lower;

import dev.layerwise.layers.Activation;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.LayerVisitor;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * Lowers each core layer to TF ops, reading its weights from the model's variables. Only forward ops are
 * built: TF's C++ gradient registry differentiates them, so no backward is written on this backend.
 */
public final class TfLayerLowering<T extends TFloating> implements LayerVisitor<TfLayerInput<T>, Operand<T>> {
  private final TfScope<T> scope;
  private final Map<String, ? extends Operand<T>> weights;

  /**
   * @param weights every weight by full name ({@code dense/kernel})
   */
  public TfLayerLowering(TfScope<T> scope, Map<String, ? extends Operand<T>> weights) {
    this.scope = scope;
    this.weights = weights;
  }

  private Operand<T> weight(TfLayerInput<T> in, String shortName) {
    Operand<T> w = weights.get(in.node().weightName(shortName));
    if (w == null) {
      throw new IllegalStateException("no variable for " + in.node().weightName(shortName));
    }
    return w;
  }

  @Override
  public Operand<T> visitInput(Input layer, TfLayerInput<T> in) {
    return in.x();
  }

  @Override
  public Operand<T> visitDense(Dense layer, TfLayerInput<T> in) {
    Operand<T> bias = layer.useBias() ? weight(in, "bias") : null;
    return TfDenseLowering.lower(scope.sub(in.node().name()), in.node(), in.x(), weight(in, "kernel"), bias);
  }

  @Override
  public Operand<T> visitActivation(Activation layer, TfLayerInput<T> in) {
    return TfActivationLowering.lower(scope.sub(in.node().name()), layer.function(), in.x());
  }

  @Override
  public Operand<T> visitFlatten(Flatten layer, TfLayerInput<T> in) {
    return scope.sub(in.node().name()).tf().reshape(in.x(), scope.ints(-1, in.node().outputShape().size()));
  }
}
