package dev.layerwise.init;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;
import java.util.Arrays;

/** Every value the same constant. */
public record Constant(double value) implements Initializer {
  public Constant {
    checkArgument(Double.isFinite(value), "Constant: value must be finite, got %s", value);
  }

  @Override
  public double[] sample(Shape shape, SeededRandom random) {
    double[] v = new double[shape.size()];
    Arrays.fill(v, value);
    return v;
  }
}
