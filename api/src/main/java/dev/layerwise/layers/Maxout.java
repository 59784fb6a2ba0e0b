package dev.layerwise.layers;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;
import dev.layerwise.init.Initializer;
import dev.layerwise.regularizers.Regularizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Maxout (Goodfellow et al. 2013): k learned affine pieces per unit, keeping the largest.
 *
 * <ul>
 *   <li>z = x·W + b, W ({@code kernel}) {@code [in, units·k]}, b ({@code bias}) {@code [units·k]}; column
 *       {@code j·k + p} is piece p of unit j
 *   <li>{@code y_j = max_p z_{j,p}}: {@code [batch, units]}
 *   <li>backward: the gradient of y_j goes to its winning piece; where pieces tie exactly it is split evenly among
 *       them (TF's {@code Max} convention, which both backends follow)
 * </ul>
 *
 * <p>ReLU is maxout with two pieces, one fixed at zero; maxout learns the pieces, so it never "dies", at k times
 * the parameters. Like {@link Dense}, a higher-rank input is mapped over its last axis.
 */
public record Maxout(String name, int units, int pieces, boolean useBias, Initializer kernelInitializer,
    Initializer biasInitializer, Regularizer kernelRegularizer, Regularizer biasRegularizer) implements Layer {

  public Maxout {
    LayerNames.check("Maxout", name);
    String who = LayerNames.describe("Maxout", name);
    checkArgument(units > 0, "%s: units must be positive, got %s", who, units);
    checkArgument(pieces >= 2, "%s: pieces must be at least 2 (one piece is just a Dense layer), got %s", who,
        pieces);
    requireNonNull(kernelInitializer, who + ": kernelInitializer");
    requireNonNull(biasInitializer, who + ": biasInitializer");
  }

  /** {@code units} units of {@code pieces} pieces, with a bias, Glorot-uniform kernel and zero bias. */
  public static Maxout of(int units, int pieces) {
    return new Maxout(null, units, pieces, true, Initializer.glorotUniform(), Initializer.zeros(), null, null);
  }

  @Override
  public Maxout withName(String name) {
    return new Maxout(name, units, pieces, useBias, kernelInitializer, biasInitializer, kernelRegularizer,
        biasRegularizer);
  }

  public Maxout withUseBias(boolean useBias) {
    return new Maxout(name, units, pieces, useBias, kernelInitializer, biasInitializer, kernelRegularizer,
        biasRegularizer);
  }

  public Maxout withKernelInitializer(Initializer kernelInitializer) {
    return new Maxout(name, units, pieces, useBias, kernelInitializer, biasInitializer, kernelRegularizer,
        biasRegularizer);
  }

  public Maxout withBiasInitializer(Initializer biasInitializer) {
    return new Maxout(name, units, pieces, useBias, kernelInitializer, biasInitializer, kernelRegularizer,
        biasRegularizer);
  }

  public Maxout withBiasRegularizer(Regularizer biasRegularizer) {
    return new Maxout(name, units, pieces, useBias, kernelInitializer, biasInitializer, kernelRegularizer,
        biasRegularizer);
  }

  public Maxout withKernelRegularizer(Regularizer kernelRegularizer) {
    return new Maxout(name, units, pieces, useBias, kernelInitializer, biasInitializer, kernelRegularizer,
        biasRegularizer);
  }

  @Override
  public Shape outputShape(Shape input) {
    LayerShapes.same(this, input);
    return input.withLast(units);
  }

  @Override
  public List<WeightSpec> weights(Shape input) {
    outputShape(input);
    List<WeightSpec> w = new ArrayList<>(2);
    w.add(WeightSpec.trainable("kernel", Shape.of(input.last(), units * pieces), kernelInitializer,
        kernelRegularizer));
    if (useBias) {
      w.add(WeightSpec.trainable("bias", Shape.of(units * pieces), biasInitializer, biasRegularizer));
    }
    return List.copyOf(w);
  }

  @Override
  public String namePrefix() {
    return "maxout";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitMaxout(this, context);
  }
}
