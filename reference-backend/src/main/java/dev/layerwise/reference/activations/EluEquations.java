package dev.layerwise.reference.activations;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The exponential linear unit with scale α &gt; 0:
 *
 * <ul>
 *   <li>{@code f(x) = x if x > 0 else α·(eˣ − 1)}, computed with {@code expm1} so small negative x keep their
 *       digits; negative outputs saturate at −α
 *   <li>{@code f′(x) = 1 if x > 0 else α·eˣ}
 * </ul>
 *
 * <p>At the kink x = 0 the derivative is α (the negative branch), as the {@code ELU} layer defines it; for
 * α = 1 ({@code Activation(ELU)}) both branches give 1 there, so the choice only shows for α ≠ 1.
 */
public final class EluEquations extends ElementwiseEquations {
  private final double alpha;

  public EluEquations(double alpha) {
    checkArgument(alpha > 0 && Double.isFinite(alpha), "ELU: alpha must be positive, got %s", alpha);
    this.alpha = alpha;
  }

  @Override
  protected double value(double x) {
    return x > 0 ? x : alpha * Math.expm1(x);
  }

  @Override
  protected double derivative(double x, double y) {
    return x > 0 ? 1 : alpha * Math.exp(x);
  }
}
