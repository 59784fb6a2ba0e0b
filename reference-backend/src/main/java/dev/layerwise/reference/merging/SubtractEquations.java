package dev.layerwise.reference.merging;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.reference.PlantedFault;
import java.util.List;

/**
 * {@code Subtract}: the difference of exactly two inputs of one shape.
 *
 * <ul>
 *   <li>forward: {@code y = x₁ − x₂}
 *   <li>backward: {@code dx₁ = dy}, {@code dx₂ = −dy}
 * </ul>
 */
public final class SubtractEquations implements RefMergeEquations<SubtractEquations.Saved> {

  /** Nothing: the Jacobian is constant. */
  public record Saved() {}

  private final String layer;

  public SubtractEquations(String layer) {
    this.layer = layer;
  }

  @Override
  public Forward<Saved> forward(List<double[]> xs) {
    checkArgument(xs.size() == 2, "%s takes exactly 2 tensors, got %s", layer, xs.size());
    int n = RefMergeEquations.sameLength(layer, xs);
    double[] a = xs.get(0);
    double[] b = xs.get(1);
    if (PlantedFault.SUBTRACT_OPERANDS_SWAPPED.isPlanted()) {
      a = xs.get(1); // x₂ − x₁
      b = xs.get(0);
    }
    double[] y = new double[n];
    for (int j = 0; j < n; j++) {
      y[j] = a[j] - b[j];
    }
    return new Forward<>(y, new Saved());
  }

  @Override
  public List<double[]> backward(Saved saved, double[] dy) {
    double[] minus = new double[dy.length];
    for (int j = 0; j < dy.length; j++) {
      minus[j] = -dy[j];
    }
    if (PlantedFault.SUBTRACT_OPERANDS_SWAPPED.isPlanted()) {
      return List.of(minus, dy); // consistent with the swapped forward
    }
    return List.of(dy, minus);
  }
}
