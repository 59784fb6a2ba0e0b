package dev.layerwise.reference.activations;

import dev.layerwise.layers.ActivationFn;

/**
 * The scaled ELU (Klambauer et al. 2017) with λ = {@link ActivationFn#SELU_SCALE}, α = {@link ActivationFn#SELU_ALPHA}:
 *
 * <ul>
 *   <li>{@code f(x) = λ·x if x > 0 else λ·α·(eˣ − 1)}
 *   <li>{@code f′(x) = λ·α·eˣ if x < 0 else λ}
 * </ul>
 *
 * <p>At the kink x = 0 the derivative is λ (the positive branch), matching TF's {@code SeluGrad}, which tests the
 * output for {@code y < 0}; note the contrast with {@link EluEquations}, whose derivative at 0 is α.
 */
public final class SeluEquations extends ElementwiseEquations {
  private static final double LAMBDA = ActivationFn.SELU_SCALE;
  /** λ·α as one constant (not LAMBDA * SELU_ALPHA, which rounds differently in the last bit). */
  private static final double LAMBDA_ALPHA = ActivationFn.SELU_SCALE_ALPHA;

  @Override
  protected double value(double x) {
    return x > 0 ? LAMBDA * x : LAMBDA_ALPHA * Math.expm1(x);
  }

  @Override
  protected double derivative(double x, double y) {
    return x < 0 ? LAMBDA_ALPHA * Math.exp(x) : LAMBDA;
  }
}
