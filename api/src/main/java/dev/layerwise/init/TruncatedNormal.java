package dev.layerwise.init;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;

/**
 * {@code N(mean, stddev²)} with every draw more than two standard deviations from the mean redrawn (as Keras's
 * {@code TruncatedNormal}); the result's standard deviation is about 0.88·stddev.
 */
public record TruncatedNormal(double mean, double stddev) implements Initializer {
  public TruncatedNormal {
    checkArgument(Double.isFinite(mean), "TruncatedNormal: mean must be finite, got %s", mean);
    checkArgument(stddev > 0 && Double.isFinite(stddev), "TruncatedNormal: stddev must be positive, got %s", stddev);
  }

  @Override
  public double[] sample(Shape shape, SeededRandom random) {
    return VarianceScaling.truncatedNormal(shape.size(), mean, stddev, random);
  }
}
