package dev.layerwise.reference.layers;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Map;

/**
 * Maxout: k affine pieces per unit, keeping the largest. An affine map ({@link DenseEquations}) followed by a
 * maximum over groups of k columns.
 *
 * <ul>
 *   <li>x: {@code [n, in]} (a higher-rank input is read as rows over its last axis, as in Dense)
 *   <li>W ({@code kernel}): {@code [in, units·k]}; b ({@code bias}, optional): {@code [units·k]}
 *   <li>{@code z = x·W + b}: {@code [n, units·k]}; column {@code j·k + p} is piece p of unit j
 *   <li>{@code y[r, j] = max_p z[r, j·k + p]}: {@code [n, units]}
 * </ul>
 *
 * <p>Backward: {@code ∂y_j/∂z_{j,p}} is 1 for the winning piece and 0 for the others. Where t pieces tie exactly
 * for the maximum, each gets {@code 1/t} (TF's {@code Max} reduction splits evenly; an argmax would give one
 * piece everything, which is also a valid subgradient but not what TF computes). So
 * {@code dz[r, j·k+p] = dy[r, j] / t} if {@code z[r, j·k+p] = y[r, j]}, else 0, and then, as in Dense:
 * {@code dW = xᵀ·dz}, {@code db = Σ_rows dz}, {@code dx = dz·Wᵀ}.
 */
public final class MaxoutEquations implements RefLayerEquations<MaxoutEquations.Saved> {

  /** The affine part's saved input, and z with the winning values y (ties are found again from them). */
  public record Saved(DenseEquations.Saved affine, double[] z, double[] y) {}

  private final DenseEquations affine;
  private final int pieces;

  public MaxoutEquations(int in, int units, int pieces, boolean useBias) {
    checkArgument(units > 0 && pieces > 0, "MaxoutEquations: units and pieces must be positive, got %s, %s", units,
        pieces);
    this.affine = new DenseEquations(in, units * pieces, useBias);
    this.pieces = pieces;
  }

  @Override
  public Forward<Saved> forward(Map<String, double[]> params, double[] x, Mode mode) {
    Forward<DenseEquations.Saved> a = affine.forward(params, x, mode);
    double[] z = a.y();
    double[] y = new double[z.length / pieces];
    for (int u = 0; u < y.length; u++) { // u = r·units + j, whose pieces are z[u·k … u·k + k − 1]
      double m = z[u * pieces];
      for (int p = 1; p < pieces; p++) {
        m = Math.max(m, z[u * pieces + p]);
      }
      y[u] = m;
    }
    return new Forward<>(y, new Saved(a.saved(), z, y));
  }

  @Override
  public Backward backward(Map<String, double[]> params, Saved saved, double[] dy, boolean needDx) {
    double[] z = saved.z();
    double[] y = saved.y();
    double[] dz = new double[z.length];
    for (int u = 0; u < y.length; u++) {
      int ties = 0;
      for (int p = 0; p < pieces; p++) {
        ties += z[u * pieces + p] == y[u] ? 1 : 0;
      }
      double share = dy[u] / ties;
      for (int p = 0; p < pieces; p++) {
        if (z[u * pieces + p] == y[u]) {
          dz[u * pieces + p] = share;
        }
      }
    }
    return affine.backward(params, saved.affine(), dz, needDx);
  }
}
