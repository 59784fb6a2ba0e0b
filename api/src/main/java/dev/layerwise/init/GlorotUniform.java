package dev.layerwise.init;

import dev.layerwise.Shape;

/**
 * Glorot (Xavier) uniform: {@code U(−l, l)}, {@code l = √(6 / (fanIn + fanOut))}, so
 * {@code Var(w) = 2 / (fanIn + fanOut)}: the compromise that keeps both forward activations and backward
 * gradients at unit variance for symmetric, tanh-like units.
 */
public record GlorotUniform() implements Initializer {
  @Override
  public double[] sample(Shape shape, SeededRandom random) {
    Fans f = Fans.of(shape);
    double limit = Math.sqrt(6.0 / (f.fanIn() + f.fanOut()));
    double[] v = new double[shape.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextUniform(-limit, limit);
    }
    return v;
  }
}
