package dev.layerwise.init;

import dev.layerwise.Shape;

/** Every value 0. */
public record Zeros() implements Initializer {
  @Override
  public double[] sample(Shape shape, SeededRandom random) {
    return new double[shape.size()];
  }
}
