package dev.layerwise.init;

import dev.layerwise.Shape;

/**
 * Glorot (Xavier) uniform: {@code U(−l, l)}, {@code l = √(6 / (fanIn + fanOut))}, so
 * {@code Var(w) = 2 / (fanIn + fanOut)}: the compromise that keeps both forward activations and backward
 * gradients at unit variance for symmetric, tanh-like units. Keras's default for kernels.
 */
public record GlorotUniform() implements Initializer {
  @Override
  public double[] sample(Shape shape, SeededRandom random) {
    return VarianceScaling.uniform(shape, 1, VarianceScaling.Fan.AVERAGE, random);
  }
}
