package dev.layerwise.reference.merging;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code Maximum} and {@code Minimum}: the largest (smallest) of n inputs of one shape, element by element.
 *
 * <ul>
 *   <li>forward: {@code y = max(x₁, …, xₙ)} ({@code min} for Minimum); the winner w(j) of element j is the first
 *       input holding the extreme value
 *   <li>backward: {@code dxᵢ[j] = dy[j]} if i = w(j), else 0: the gradient goes to the winner only
 * </ul>
 *
 * <p>A tie goes to the first input holding the value, as TF's gradient of {@code Maximum(a, b)} does (it passes
 * {@code dy} to a where {@code a ≥ b}): the TF backend folds n inputs pairwise from the left, which gives the same
 * winner.
 */
public final class ExtremumEquations implements RefMergeEquations<ExtremumEquations.Saved> {

  /** Which input won each element. */
  public record Saved(int inputs, int[] winner) {}

  private final boolean maximum;
  private final String layer;

  private ExtremumEquations(boolean maximum, String layer) {
    this.maximum = maximum;
    this.layer = layer;
  }

  public static ExtremumEquations maximum(String layer) {
    return new ExtremumEquations(true, layer);
  }

  public static ExtremumEquations minimum(String layer) {
    return new ExtremumEquations(false, layer);
  }

  @Override
  public Forward<Saved> forward(List<double[]> xs) {
    int n = RefMergeEquations.sameLength(layer, xs);
    double[] y = xs.get(0).clone();
    int[] winner = new int[n];
    for (int i = 1; i < xs.size(); i++) {
      double[] x = xs.get(i);
      for (int j = 0; j < n; j++) {
        if (maximum ? x[j] > y[j] : x[j] < y[j]) {
          y[j] = x[j];
          winner[j] = i;
        }
      }
    }
    return new Forward<>(y, new Saved(xs.size(), winner));
  }

  @Override
  public List<double[]> backward(Saved saved, double[] dy) {
    List<double[]> out = new ArrayList<>(saved.inputs());
    for (int i = 0; i < saved.inputs(); i++) {
      out.add(new double[dy.length]);
    }
    int[] winner = saved.winner();
    for (int j = 0; j < dy.length; j++) {
      out.get(winner[j])[j] = dy[j];
    }
    return out;
  }
}
