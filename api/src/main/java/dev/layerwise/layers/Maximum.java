package dev.layerwise.layers;

import dev.layerwise.Shape;
import java.util.List;

/**
 * Merges two or more tensors of equal shapes into their largest values, element by element:
 * {@code y = max(x₁, …, xₙ)}.
 *
 * <ul>
 *   <li>inputs: n ≥ 2 tensors, all of the same per-sample shape (no broadcasting; see {@link MergeLayer})
 *   <li>output: that shape
 *   <li>gradient: ∂L/∂xᵢ = ∂L/∂y where xᵢ is the maximum, 0 elsewhere; a tie goes to the first input holding it
 *       (as TF's Maximum gradient)
 * </ul>
 *
 * <pre>{@code SymbolicTensor y = Maximum.create().apply(a, b);}</pre>
 */
public record Maximum(String name) implements MergeLayer {
  public Maximum {
    LayerNames.check("Maximum", name);
  }

  public static Maximum create() {
    return new Maximum(null);
  }

  @Override
  public Maximum withName(String name) {
    return new Maximum(name);
  }

  @Override
  public Shape outputShape(List<Shape> inputs, List<String> names) {
    return MergeLayer.sameShapes(this, inputs, names);
  }

  @Override
  public String namePrefix() {
    return "maximum";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitMaximum(this, context);
  }
}
