package dev.layerwise.layers;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;
import dev.layerwise.init.Initializer;
import dev.layerwise.regularizers.Regularizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A 2-D convolution (strictly, a cross-correlation, as in every framework) over NHWC images with an HWIO kernel.
 *
 * <ul>
 *   <li>x: {@code [batch, H, W, C]}; kernel K: {@code [kh, kw, C, filters]}; bias b: {@code [filters]}
 *   <li>{@code y[n, i, j, f] = Σ_{a,b,c} x[n, i·sh + a − pt, j·sw + b − pl, c]·K[a, b, c, f] + b[f]}, with zero
 *       padding (pt, pl from {@link Padding}); output {@code [batch, OH, OW, filters]}
 *   <li>backward: {@code dK[a,b,c,f] = Σ_{n,i,j} x[n, i·sh+a−pt, j·sw+b−pl, c]·dy[n,i,j,f]},
 *       {@code db = Σ_{n,i,j} dy}, and dx is the "full" correlation of dy with the kernel flipped, scattered back
 *       through the strides
 * </ul>
 *
 * <pre>{@code Conv2D.of(32, 3).withPadding(Padding.SAME).withActivation(ActivationFn.RELU)}</pre>
 */
public record Conv2D(String name, int filters, Size2D kernelSize, Size2D strides, Padding padding, boolean useBias,
    ActivationFn activation, Initializer kernelInitializer, Initializer biasInitializer,
    Regularizer kernelRegularizer, Regularizer biasRegularizer) implements Layer {

  public Conv2D {
    LayerNames.check("Conv2D", name);
    String who = LayerNames.describe("Conv2D", name);
    checkArgument(filters > 0, "%s: filters must be positive, got %s", who, filters);
    requireNonNull(kernelSize, who + ": kernelSize");
    requireNonNull(strides, who + ": strides");
    requireNonNull(padding, who + ": padding");
    requireNonNull(activation, who + ": activation");
    requireNonNull(kernelInitializer, who + ": kernelInitializer");
    requireNonNull(biasInitializer, who + ": biasInitializer");
  }

  /** {@code filters} filters of {@code kernel × kernel}, stride 1, VALID padding, Keras's other defaults. */
  public static Conv2D of(int filters, int kernel) {
    return of(filters, Size2D.of(kernel));
  }

  public static Conv2D of(int filters, Size2D kernelSize) {
    return new Conv2D(null, filters, kernelSize, Size2D.of(1), Padding.VALID, true, ActivationFn.LINEAR,
        Initializer.glorotUniform(), Initializer.zeros(), null, null);
  }

  @Override
  public Conv2D withName(String name) {
    return new Conv2D(name, filters, kernelSize, strides, padding, useBias, activation, kernelInitializer,
        biasInitializer, kernelRegularizer, biasRegularizer);
  }

  /** Strides; a stride ≤ 0 is rejected (by {@link Size2D}). */
  public Conv2D withStrides(int height, int width) {
    checkStrides(height, width);
    return new Conv2D(name, filters, kernelSize, Size2D.of(height, width), padding, useBias, activation,
        kernelInitializer, biasInitializer, kernelRegularizer, biasRegularizer);
  }

  public Conv2D withStrides(int stride) {
    return withStrides(stride, stride);
  }

  private void checkStrides(int height, int width) {
    checkArgument(height > 0 && width > 0, "%s: strides must be positive, got %s×%s", describe(), height, width);
  }

  public Conv2D withPadding(Padding padding) {
    return new Conv2D(name, filters, kernelSize, strides, padding, useBias, activation, kernelInitializer,
        biasInitializer, kernelRegularizer, biasRegularizer);
  }

  public Conv2D withUseBias(boolean useBias) {
    return new Conv2D(name, filters, kernelSize, strides, padding, useBias, activation, kernelInitializer,
        biasInitializer, kernelRegularizer, biasRegularizer);
  }

  public Conv2D withActivation(ActivationFn activation) {
    return new Conv2D(name, filters, kernelSize, strides, padding, useBias, activation, kernelInitializer,
        biasInitializer, kernelRegularizer, biasRegularizer);
  }

  public Conv2D withKernelInitializer(Initializer kernelInitializer) {
    return new Conv2D(name, filters, kernelSize, strides, padding, useBias, activation, kernelInitializer,
        biasInitializer, kernelRegularizer, biasRegularizer);
  }

  public Conv2D withBiasInitializer(Initializer biasInitializer) {
    return new Conv2D(name, filters, kernelSize, strides, padding, useBias, activation, kernelInitializer,
        biasInitializer, kernelRegularizer, biasRegularizer);
  }

  public Conv2D withBiasRegularizer(Regularizer biasRegularizer) {
    return new Conv2D(name, filters, kernelSize, strides, padding, useBias, activation, kernelInitializer,
        biasInitializer, kernelRegularizer, biasRegularizer);
  }

  public Conv2D withKernelRegularizer(Regularizer kernelRegularizer) {
    return new Conv2D(name, filters, kernelSize, strides, padding, useBias, activation, kernelInitializer,
        biasInitializer, kernelRegularizer, biasRegularizer);
  }

  @Override
  public Shape outputShape(Shape input) {
    LayerShapes.image(this, input);
    int oh = LayerShapes.slide(this, "height", input.dim(0), kernelSize.height(), strides.height(), padding);
    int ow = LayerShapes.slide(this, "width", input.dim(1), kernelSize.width(), strides.width(), padding);
    return Shape.of(oh, ow, filters);
  }

  @Override
  public List<WeightSpec> weights(Shape input) {
    outputShape(input);
    List<WeightSpec> w = new ArrayList<>(2);
    w.add(WeightSpec.trainable("kernel", Shape.of(kernelSize.height(), kernelSize.width(), input.last(), filters),
        kernelInitializer, kernelRegularizer));
    if (useBias) {
      w.add(WeightSpec.trainable("bias", Shape.of(filters), biasInitializer, biasRegularizer));
    }
    return List.copyOf(w);
  }

  @Override
  public List<Layer> desugar() {
    return Activation.desugarAfter(withActivation(ActivationFn.LINEAR), name, activation);
  }

  @Override
  public String namePrefix() {
    return "conv2d";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitConv2D(this, context);
  }
}
