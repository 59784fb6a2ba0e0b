package dev.layerwise.check;

import java.util.function.DoubleUnaryOperator;

/**
 * The slope of a scalar function {@code φ(t) = f(θ + t·d)} at {@code t = 0} by central differences, with kink
 * detection and retries at smaller steps.
 *
 * <p>For a smooth φ the central difference {@code (φ(h) − φ(−h)) / 2h} is off by {@code h²·φ‴/6}, and the
 * one-sided slopes {@code (φ(h) − φ(0))/h} and {@code (φ(0) − φ(−h))/h} differ by about {@code h·φ″}: tiny. When
 * the step crosses a kink (a ReLU input, a max-pool winner or an L1 weight changing sign at distance δ < h), φ
 * is piecewise linear there and, with slopes s₁ on θ's side and s₂ beyond, the central difference is off by
 * {@code (s₂ − s₁)(h − δ)/2h} while the one-sided slopes differ by exactly twice that. So a disagreement with the
 * analytic slope at least half as large as the one-sided asymmetry is the signature of a kink, not of a wrong
 * gradient; the step is cut tenfold until the disagreement goes away or the step reaches its floor. A kink at
 * θ itself (δ = 0) never goes away: φ has no derivative there, and the result says so rather than failing.
 */
final class CentralDifference {
  /** Smaller steps tried after a kink, each a tenth of the one before. */
  static final int MAX_RETRIES = 3;
  /**
   * Evaluation roundoff, relative to {@code max(1, |φ(0)|)}: a float64 loss over a batch carries an error of
   * some hundred ulps, which a difference quotient divides by h.
   */
  static final double ROUNDOFF = 1e-13;

  /**
   * What the differences gave.
   *
   * @param numeric the central-difference slope at the final step
   * @param step the final step
   * @param retries how many times the step was cut because of a kink
   * @param kinkAtPoint whether a kink remained at the smallest step: φ is not differentiable at θ along d
   * @param tolerance the largest gap accepted at the final step
   * @param agrees whether the analytic slope matched within tolerance at the final step
   */
  record Result(double numeric, double step, int retries, boolean kinkAtPoint, double tolerance, boolean agrees) {}

  private CentralDifference() {}

  /**
   * @param phi φ(t); called with t = 0 once and ±h per step tried
   * @param analytic the slope the backward pass claims, {@code ∇f·d}
   * @param scale the slope magnitude the tolerance is relative to (≥ |analytic|, e.g. {@code ‖∇f‖·‖d‖})
   * @param step the first step h
   * @param rtol the relative tolerance
   */
  static Result slope(DoubleUnaryOperator phi, double analytic, double scale, double step, double rtol) {
    double f0 = phi.applyAsDouble(0);
    double h = step;
    for (int retry = 0; ; retry++) {
      double plus = phi.applyAsDouble(h);
      double minus = phi.applyAsDouble(-h);
      double central = (plus - minus) / (2 * h);
      double asymmetry = Math.abs((plus - f0) / h - (f0 - minus) / h);
      double tolerance = rtol * Math.max(scale, Math.abs(central)) + ROUNDOFF * Math.max(1, Math.abs(f0)) / h;
      double gap = Math.abs(central - analytic);
      boolean agrees = gap <= tolerance;
      boolean kink = !agrees && asymmetry >= gap && asymmetry > tolerance;
      if (agrees || !kink || retry == MAX_RETRIES) {
        return new Result(central, h, retry, kink, tolerance, agrees);
      }
      h /= 10;
    }
  }
}
