package dev.layerwise.layers;

import dev.layerwise.Shape;
import java.util.List;

/**
 * Merges two or more tensors of equal shapes into their sum, element by element: {@code y = x₁ + x₂ + … + xₙ}.
 *
 * <ul>
 *   <li>inputs: n ≥ 2 tensors, all of the same per-sample shape (no broadcasting; see {@link MergeLayer})
 *   <li>output: that shape
 *   <li>gradient: ∂L/∂xᵢ = ∂L/∂y for every i
 * </ul>
 *
 * <pre>{@code SymbolicTensor y = Add.create().apply(a, b);}</pre>
 */
public record Add(String name) implements MergeLayer {
  public Add {
    LayerNames.check("Add", name);
  }

  public static Add create() {
    return new Add(null);
  }

  @Override
  public Add withName(String name) {
    return new Add(name);
  }

  @Override
  public Shape outputShape(List<Shape> inputs, List<String> names) {
    return MergeLayer.sameShapes(this, inputs, names);
  }

  @Override
  public String namePrefix() {
    return "add";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitAdd(this, context);
  }
}
