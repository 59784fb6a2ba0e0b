package dev.layerwise.reference.losses;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.regularizers.Regularizer;

/**
 * A weight penalty added to the training loss, the elastic net with factors λ₁, λ₂ ≥ 0 ({@code L1}: λ₂ = 0,
 * {@code L2}: λ₁ = 0), over every element of one weight tensor w:
 *
 * <ul>
 *   <li>{@code R(w) = λ₁·Σ|wᵢ| + λ₂·Σwᵢ²} (no ½ on the L2 term, as Keras)
 *   <li>{@code ∂R/∂wᵢ = λ₁·sign(wᵢ) + 2·λ₂·wᵢ}, with {@code sign(0) = 0}: at the kink of |w| the subgradient 0 is
 *       taken, as TF's {@code Abs} gradient gives, so L1 leaves a weight that is exactly 0 where it is
 * </ul>
 */
public final class RegularizerEquations {
  private final double l1;
  private final double l2;

  public RegularizerEquations(double l1, double l2) {
    checkArgument(l1 >= 0 && l2 >= 0 && Double.isFinite(l1) && Double.isFinite(l2),
        "RegularizerEquations: l1 and l2 must be finite and non-negative, got %s, %s", l1, l2);
    this.l1 = l1;
    this.l2 = l2;
  }

  public static RegularizerEquations of(Regularizer regularizer) {
    return new RegularizerEquations(regularizer.l1(), regularizer.l2());
  }

  /** {@code R(w)}. */
  public double penalty(double[] w) {
    double abs = 0;
    double squares = 0;
    for (double v : w) {
      abs += Math.abs(v);
      squares += v * v;
    }
    return l1 * abs + l2 * squares;
  }

  /** {@code ∂R/∂w}, a new array shaped like w. */
  public double[] gradient(double[] w) {
    double[] g = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      g[i] = l1 * Math.signum(w[i]) + 2 * l2 * w[i];
    }
    return g;
  }
}
