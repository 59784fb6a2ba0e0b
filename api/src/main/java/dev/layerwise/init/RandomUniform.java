package dev.layerwise.init;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;

/** Independent draws from {@code U(minval, maxval)}. */
public record RandomUniform(double minval, double maxval) implements Initializer {
  public RandomUniform {
    checkArgument(Double.isFinite(minval) && Double.isFinite(maxval) && minval < maxval,
        "RandomUniform: need finite minval < maxval, got [%s, %s)", minval, maxval);
  }

  @Override
  public double[] sample(Shape shape, SeededRandom random) {
    double[] v = new double[shape.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextUniform(minval, maxval);
    }
    return v;
  }
}
