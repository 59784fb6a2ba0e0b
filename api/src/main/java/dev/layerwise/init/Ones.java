package dev.layerwise.init;

import dev.layerwise.Shape;
import java.util.Arrays;

/** Every value 1. */
public record Ones() implements Initializer {
  @Override
  public double[] sample(Shape shape, SeededRandom random) {
    double[] v = new double[shape.size()];
    Arrays.fill(v, 1);
    return v;
  }
}
