package dev.layerwise.init;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;

/** Independent draws from {@code N(mean, stddev²)}. */
public record RandomNormal(double mean, double stddev) implements Initializer {
  public RandomNormal {
    checkArgument(Double.isFinite(mean), "RandomNormal: mean must be finite, got %s", mean);
    checkArgument(stddev > 0 && Double.isFinite(stddev), "RandomNormal: stddev must be positive, got %s", stddev);
  }

  @Override
  public double[] sample(Shape shape, SeededRandom random) {
    double[] v = new double[shape.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = mean + stddev * random.nextGaussian();
    }
    return v;
  }
}
