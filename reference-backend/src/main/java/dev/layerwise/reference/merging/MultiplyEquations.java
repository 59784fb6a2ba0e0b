package dev.layerwise.reference.merging;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code Multiply}: the product of n inputs of one shape, element by element.
 *
 * <ul>
 *   <li>forward: {@code y = x₁ ⊙ x₂ ⊙ … ⊙ xₙ}
 *   <li>backward: {@code dxᵢ = dy ⊙ Π_{j≠i} xⱼ}, the product of the other inputs (formed directly, not as y/xᵢ,
 *       which a zero in xᵢ would break)
 * </ul>
 */
public final class MultiplyEquations implements RefMergeEquations<MultiplyEquations.Saved> {

  /** The inputs: each one's gradient is the product of the others. */
  public record Saved(List<double[]> xs) {}

  private final String layer;

  public MultiplyEquations(String layer) {
    this.layer = layer;
  }

  @Override
  public Forward<Saved> forward(List<double[]> xs) {
    int n = RefMergeEquations.sameLength(layer, xs);
    double[] y = xs.get(0).clone();
    for (int i = 1; i < xs.size(); i++) {
      double[] x = xs.get(i);
      for (int j = 0; j < n; j++) {
        y[j] *= x[j];
      }
    }
    return new Forward<>(y, new Saved(List.copyOf(xs)));
  }

  @Override
  public List<double[]> backward(Saved saved, double[] dy) {
    List<double[]> xs = saved.xs();
    List<double[]> out = new ArrayList<>(xs.size());
    for (int i = 0; i < xs.size(); i++) {
      double[] dx = dy.clone();
      for (int k = 0; k < xs.size(); k++) {
        if (k != i) {
          double[] x = xs.get(k);
          for (int j = 0; j < dx.length; j++) {
            dx[j] *= x[j];
          }
        }
      }
      out.add(dx);
    }
    return out;
  }
}
