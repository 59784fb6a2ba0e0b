package dev.layerwise.reference.activations;

/**
 * The logistic function: {@code f(x) = σ(x) = 1 / (1 + e^(−x))}, {@code f′(x) = σ(x)(1 − σ(x)) = y(1 − y)}, at most
 * 1/4, so stacked sigmoids shrink gradients (vanishing gradients) and saturate for |x| large.
 */
public final class SigmoidEquations extends ElementwiseEquations {
  @Override
  protected double value(double x) {
    return sigmoid(x);
  }

  @Override
  protected double derivative(double x, double y) {
    return y * (1 - y);
  }

  /**
   * σ(z) without overflow: e^(−z) is only formed for z ≥ 0, and for {@code z < 0} the equal form e^z / (1 + e^z)
   * is used, so the exponent never exceeds 0.
   */
  public static double sigmoid(double z) {
    if (z >= 0) {
      return 1 / (1 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1 + e);
  }
}
