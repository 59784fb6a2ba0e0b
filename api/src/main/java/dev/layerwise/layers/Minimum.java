package dev.layerwise.layers;

import dev.layerwise.Shape;
import java.util.List;

/**
 * Merges two or more tensors of equal shapes into their smallest values, element by element:
 * {@code y = min(x₁, …, xₙ)}.
 *
 * <ul>
 *   <li>inputs: n ≥ 2 tensors, all of the same per-sample shape (no broadcasting; see {@link MergeLayer})
 *   <li>output: that shape
 *   <li>gradient: ∂L/∂xᵢ = ∂L/∂y where xᵢ is the minimum, 0 elsewhere; a tie goes to the first input holding it
 *       (as TF's Minimum gradient)
 * </ul>
 *
 * <pre>{@code SymbolicTensor y = Minimum.create().apply(a, b);}</pre>
 */
public record Minimum(String name) implements MergeLayer {
  public Minimum {
    LayerNames.check("Minimum", name);
  }

  public static Minimum create() {
    return new Minimum(null);
  }

  @Override
  public Minimum withName(String name) {
    return new Minimum(name);
  }

  @Override
  public Shape outputShape(List<Shape> inputs, List<String> names) {
    return MergeLayer.sameShapes(this, inputs, names);
  }

  @Override
  public String namePrefix() {
    return "minimum";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitMinimum(this, context);
  }
}
