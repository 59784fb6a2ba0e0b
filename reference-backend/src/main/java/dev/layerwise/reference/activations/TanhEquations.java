package dev.layerwise.reference.activations;

/**
 * The hyperbolic tangent: {@code f(x) = (e^x − e^(−x)) / (e^x + e^(−x))}, {@code f′(x) = 1 − tanh²(x) = 1 − y²}.
 * Zero-centred, but saturating: f′ → 0 as |x| grows.
 */
public final class TanhEquations extends ElementwiseEquations {
  @Override
  protected double value(double x) {
    return Math.tanh(x);
  }

  @Override
  protected double derivative(double x, double y) {
    return 1 - y * y;
  }
}
