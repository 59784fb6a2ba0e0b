package dev.layerwise.init;

import dev.layerwise.Shape;

/** LeCun normal: a truncated normal with {@code Var(w) = 1 / fanIn}; with SELU it keeps activations normalised. */
public record LecunNormal() implements Initializer {
  @Override
  public double[] sample(Shape shape, SeededRandom random) {
    return VarianceScaling.truncatedNormal(shape, 1, VarianceScaling.Fan.IN, random);
  }
}
