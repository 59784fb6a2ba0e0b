package dev.layerwise.reference.activations;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Leaky ReLU with slope α ≥ 0 for negative inputs: {@code f(x) = x if x > 0 else α·x},
 * {@code f′(x) = 1 if x > 0 else α}.
 *
 * <p>At the kink x = 0 the derivative is α, as TF's {@code LeakyReluGrad} (it passes dy only where x &gt; 0 and
 * scales it by α elsewhere). With α = 0 this is exactly {@link ReluEquations}.
 */
public final class LeakyReluEquations extends ElementwiseEquations {
  private final double alpha;

  public LeakyReluEquations(double alpha) {
    checkArgument(alpha >= 0 && Double.isFinite(alpha), "LeakyReLU: alpha must be a non-negative slope, got %s",
        alpha);
    this.alpha = alpha;
  }

  @Override
  protected double value(double x) {
    return x > 0 ? x : alpha * x;
  }

  @Override
  protected double derivative(double x, double y) {
    return x > 0 ? 1 : alpha;
  }
}
