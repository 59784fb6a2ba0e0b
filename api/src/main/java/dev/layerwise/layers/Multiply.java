package dev.layerwise.layers;

import dev.layerwise.Shape;
import java.util.List;

/**
 * Merges two or more tensors of equal shapes into their product, element by element: {@code y = x₁ ⊙ x₂ ⊙ … ⊙ xₙ}.
 *
 * <ul>
 *   <li>inputs: n ≥ 2 tensors, all of the same per-sample shape (no broadcasting; see {@link MergeLayer})
 *   <li>output: that shape
 *   <li>gradient: ∂L/∂xᵢ = ∂L/∂y ⊙ Π_{j≠i} xⱼ
 * </ul>
 *
 * <pre>{@code SymbolicTensor y = Multiply.create().apply(a, b);}</pre>
 */
public record Multiply(String name) implements MergeLayer {
  public Multiply {
    LayerNames.check("Multiply", name);
  }

  public static Multiply create() {
    return new Multiply(null);
  }

  @Override
  public Multiply withName(String name) {
    return new Multiply(name);
  }

  @Override
  public Shape outputShape(List<Shape> inputs, List<String> names) {
    return MergeLayer.sameShapes(this, inputs, names);
  }

  @Override
  public String namePrefix() {
    return "multiply";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitMultiply(this, context);
  }
}
