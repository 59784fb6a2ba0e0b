package dev.layerwise.init;

import dev.layerwise.Shape;

/**
 * He (Kaiming) normal: a truncated normal with {@code Var(w) = 2 / fanIn}, as Keras's {@code he_normal}. ReLU
 * zeroes half of its inputs, halving the variance a layer passes on; doubling LeCun's fan-in variance
 * compensates.
 */
public record HeNormal() implements Initializer {
  @Override
  public double[] sample(Shape shape, SeededRandom random) {
    return VarianceScaling.truncatedNormal(shape, 2, VarianceScaling.Fan.IN, random);
  }
}
