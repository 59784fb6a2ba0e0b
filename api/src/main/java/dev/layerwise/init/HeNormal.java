package dev.layerwise.init;

import dev.layerwise.Shape;

/**
 * He (Kaiming) normal: {@code N(0, 2 / fanIn)}. ReLU zeroes half of its inputs, halving the variance a layer
 * passes on; doubling Glorot's fan-in variance compensates. This is the plain normal of He et al. (2015) and
 * PyTorch; Keras's {@code he_normal} truncates at two standard deviations instead.
 */
public record HeNormal() implements Initializer {
  @Override
  public double[] sample(Shape shape, SeededRandom random) {
    double stddev = Math.sqrt(2.0 / Fans.of(shape).fanIn());
    double[] v = new double[shape.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = stddev * random.nextGaussian();
    }
    return v;
  }
}
