package dev.layerwise.init;

import dev.layerwise.Shape;

/** Glorot (Xavier) normal: a truncated normal with {@code Var(w) = 2 / (fanIn + fanOut)}. */
public record GlorotNormal() implements Initializer {
  @Override
  public double[] sample(Shape shape, SeededRandom random) {
    return VarianceScaling.truncatedNormal(shape, 1, VarianceScaling.Fan.AVERAGE, random);
  }
}
