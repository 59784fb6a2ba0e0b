package dev.layerwise.init;

import dev.layerwise.Shape;

/**
 * The fan-in and fan-out of a weight, as Keras computes them: a Dense kernel {@code [in, out]} has fanIn = in
 * and fanOut = out; a convolution kernel {@code [h, w, in, out]} (HWIO) multiplies both by the receptive field
 * h·w; a vector {@code [n]} has fanIn = fanOut = n.
 */
public record Fans(double fanIn, double fanOut) {

  public static Fans of(Shape shape) {
    int r = shape.rank();
    if (r == 0) {
      return new Fans(1, 1);
    }
    if (r == 1) {
      return new Fans(shape.dim(0), shape.dim(0));
    }
    double receptive = 1;
    for (int i = 0; i < r - 2; i++) {
      receptive *= shape.dim(i);
    }
    return new Fans(receptive * shape.dim(r - 2), receptive * shape.dim(r - 1));
  }
}
