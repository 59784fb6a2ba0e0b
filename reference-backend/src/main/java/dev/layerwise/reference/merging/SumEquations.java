package dev.layerwise.reference.merging;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code Add} and {@code Average}: a scaled sum of n inputs of one shape, element by element.
 *
 * <ul>
 *   <li>forward: {@code y = c · (x₁ + x₂ + … + xₙ)}, with c = 1 for Add and c = 1/n for Average
 *   <li>backward: {@code dxᵢ = c · dy} for every i (each input moves y one-for-one, scaled by c)
 * </ul>
 */
public final class SumEquations implements RefMergeEquations<SumEquations.Saved> {

  /** Nothing but the number of inputs: the Jacobian of a sum is constant. */
  public record Saved(int inputs) {}

  private final double scale;
  private final String layer;

  private SumEquations(double scale, String layer) {
    this.scale = scale;
    this.layer = layer;
  }

  /** {@code y = Σ xᵢ}. */
  public static SumEquations add(String layer) {
    return new SumEquations(1, layer);
  }

  /** {@code y = (1/n)·Σ xᵢ}, for n inputs. */
  public static SumEquations average(int inputs, String layer) {
    return new SumEquations(1.0 / inputs, layer);
  }

  @Override
  public Forward<Saved> forward(List<double[]> xs) {
    int n = RefMergeEquations.sameLength(layer, xs);
    double[] y = new double[n];
    for (double[] x : xs) {
      for (int j = 0; j < n; j++) {
        y[j] += x[j];
      }
    }
    if (scale != 1) {
      for (int j = 0; j < n; j++) {
        y[j] *= scale;
      }
    }
    return new Forward<>(y, new Saved(xs.size()));
  }

  @Override
  public List<double[]> backward(Saved saved, double[] dy) {
    double[] dx = dy;
    if (scale != 1) {
      dx = new double[dy.length];
      for (int j = 0; j < dy.length; j++) {
        dx[j] = scale * dy[j];
      }
    }
    List<double[]> out = new ArrayList<>(saved.inputs());
    for (int i = 0; i < saved.inputs(); i++) {
      out.add(dx);
    }
    return out;
  }
}
