package dev.layerwise.reference.losses;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Huber loss with threshold δ over the K values of each sample, averaged over the N samples: with
 * {@code e = p − y}, p the output and y the labels, both {@code [N, K]},
 *
 * <ul>
 *   <li>{@code h(e) = ½ e²} where {@code |e| ≤ δ}, {@code δ |e| − ½ δ²} beyond; {@code L = (1/(N·K)) Σ h(e)}
 *   <li>{@code ∂L/∂p = h′(e) / (N·K)} with {@code h′(e) = e} where {@code |e| ≤ δ}, {@code δ·sign(e)} beyond
 * </ul>
 *
 * <p>At {@code |e| = δ} both pieces give the value ½δ² and the slope ±δ, so no convention is needed there; only
 * h″ jumps (from 1 to 0), which is why the finite-difference cases keep |e| away from δ.
 */
public final class HuberEquations implements RefLossEquations {
  private final double delta;

  public HuberEquations(double delta) {
    checkArgument(delta > 0 && Double.isFinite(delta), "huber: delta must be positive and finite, got %s", delta);
    this.delta = delta;
  }

  @Override
  public double loss(double[] p, double[] y) {
    checkLabels(p, y);
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      double a = Math.abs(p[i] - y[i]);
      sum += a <= delta ? 0.5 * a * a : delta * a - 0.5 * delta * delta;
    }
    return sum / p.length;
  }

  @Override
  public double[] gradient(double[] p, double[] y) {
    checkLabels(p, y);
    double[] g = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      double e = p[i] - y[i];
      g[i] = (Math.abs(e) <= delta ? e : delta * Math.signum(e)) / p.length;
    }
    return g;
  }

  private static void checkLabels(double[] p, double[] y) {
    checkArgument(p.length == y.length, "huber: labels must have the output's %s values, got %s", p.length,
        y.length);
  }
}
