package dev.layerwise.layers;

import dev.layerwise.Shape;
import java.util.List;

/**
 * Merges two or more tensors of equal shapes into their mean, element by element: {@code y = (x₁ + … + xₙ)/n}.
 *
 * <ul>
 *   <li>inputs: n ≥ 2 tensors, all of the same per-sample shape (no broadcasting; see {@link MergeLayer})
 *   <li>output: that shape
 *   <li>gradient: ∂L/∂xᵢ = ∂L/∂y / n
 * </ul>
 *
 * <pre>{@code SymbolicTensor y = Average.create().apply(a, b);}</pre>
 */
public record Average(String name) implements MergeLayer {
  public Average {
    LayerNames.check("Average", name);
  }

  public static Average create() {
    return new Average(null);
  }

  @Override
  public Average withName(String name) {
    return new Average(name);
  }

  @Override
  public Shape outputShape(List<Shape> inputs, List<String> names) {
    return MergeLayer.sameShapes(this, inputs, names);
  }

  @Override
  public String namePrefix() {
    return "average";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitAverage(this, context);
  }
}
