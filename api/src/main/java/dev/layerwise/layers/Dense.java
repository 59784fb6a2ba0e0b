package dev.layerwise.layers;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;
import dev.layerwise.init.Initializer;
import dev.layerwise.regularizers.Regularizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A fully connected layer: {@code y = x·W + b}, then the optional activation.
 *
 * <ul>
 *   <li>x: {@code [batch, in]} (a higher-rank input is mapped over its last axis, as in Keras)
 *   <li>W ({@code kernel}): {@code [in, units]}, Glorot-uniform by default
 *   <li>b ({@code bias}): {@code [units]}, zeros by default; absent when {@code useBias} is false (drop it when a
 *       {@link BatchNormalization} follows, which subtracts any bias again)
 *   <li>y: {@code [batch, units]}
 * </ul>
 *
 * <pre>{@code Dense.units(128).withActivation(ActivationFn.RELU).withKernelRegularizer(Regularizer.l2(1e-4))}</pre>
 *
 * <p>A non-linear activation is desugared into a following {@link Activation} layer, so backends only implement
 * the affine map.
 *
 * @param kernelRegularizer penalty on the kernel, or {@code null}
 * @param biasRegularizer penalty on the bias, or {@code null}
 */
public record Dense(
    String name,
    int units,
    ActivationFn activation,
    boolean useBias,
    Initializer kernelInitializer,
    Initializer biasInitializer,
    Regularizer kernelRegularizer,
    Regularizer biasRegularizer)
    implements Layer {

  public Dense {
    LayerNames.check("Dense", name);
    String who = LayerNames.describe("Dense", name);
    checkArgument(units > 0, "%s: units must be positive, got %s", who, units);
    requireNonNull(activation, who + ": activation");
    requireNonNull(kernelInitializer, who + ": kernelInitializer");
    requireNonNull(biasInitializer, who + ": biasInitializer");
  }

  /** A Dense layer with Keras's defaults: linear activation, a bias, Glorot-uniform kernel, zero bias. */
  public static Dense units(int units) {
    return new Dense(null, units, ActivationFn.LINEAR, true, Initializer.glorotUniform(), Initializer.zeros(), null,
        null);
  }

  @Override
  public Dense withName(String name) {
    return new Dense(name, units, activation, useBias, kernelInitializer, biasInitializer, kernelRegularizer,
        biasRegularizer);
  }

  public Dense withActivation(ActivationFn activation) {
    return new Dense(name, units, activation, useBias, kernelInitializer, biasInitializer, kernelRegularizer,
        biasRegularizer);
  }

  public Dense withUseBias(boolean useBias) {
    return new Dense(name, units, activation, useBias, kernelInitializer, biasInitializer, kernelRegularizer,
        biasRegularizer);
  }

  public Dense withKernelInitializer(Initializer kernelInitializer) {
    return new Dense(name, units, activation, useBias, kernelInitializer, biasInitializer, kernelRegularizer,
        biasRegularizer);
  }

  public Dense withBiasInitializer(Initializer biasInitializer) {
    return new Dense(name, units, activation, useBias, kernelInitializer, biasInitializer, kernelRegularizer,
        biasRegularizer);
  }

  public Dense withKernelRegularizer(Regularizer kernelRegularizer) {
    return new Dense(name, units, activation, useBias, kernelInitializer, biasInitializer, kernelRegularizer,
        biasRegularizer);
  }

  public Dense withBiasRegularizer(Regularizer biasRegularizer) {
    return new Dense(name, units, activation, useBias, kernelInitializer, biasInitializer, kernelRegularizer,
        biasRegularizer);
  }

  @Override
  public Shape outputShape(Shape input) {
    checkArgument(input.rank() >= 1, "%s expects an input of rank ≥ 1 per sample, got %s", describe(), input);
    return input.withLast(units);
  }

  @Override
  public List<WeightSpec> weights(Shape input) {
    outputShape(input);
    List<WeightSpec> w = new ArrayList<>(2);
    w.add(WeightSpec.trainable("kernel", Shape.of(input.last(), units), kernelInitializer, kernelRegularizer));
    if (useBias) {
      w.add(WeightSpec.trainable("bias", Shape.of(units), biasInitializer, biasRegularizer));
    }
    return List.copyOf(w);
  }

  @Override
  public List<Layer> desugar() {
    return Activation.desugarAfter(withActivation(ActivationFn.LINEAR), name, activation);
  }

  @Override
  public String namePrefix() {
    return "dense";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitDense(this, context);
  }
}
