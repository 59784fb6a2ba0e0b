package dev.layerwise.init;

import dev.layerwise.Shape;

/** LeCun uniform: {@code U(−l, l)}, {@code l = √(3 / fanIn)}, so {@code Var(w) = 1 / fanIn}. */
public record LecunUniform() implements Initializer {
  @Override
  public double[] sample(Shape shape, SeededRandom random) {
    return VarianceScaling.uniform(shape, 1, VarianceScaling.Fan.IN, random);
  }
}
