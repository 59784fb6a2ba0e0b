package dev.layerwise.init;

import dev.layerwise.Shape;

/** He uniform: {@code U(−l, l)}, {@code l = √(6 / fanIn)}, so {@code Var(w) = 2 / fanIn}. */
public record HeUniform() implements Initializer {
  @Override
  public double[] sample(Shape shape, SeededRandom random) {
    return VarianceScaling.uniform(shape, 2, VarianceScaling.Fan.IN, random);
  }
}
