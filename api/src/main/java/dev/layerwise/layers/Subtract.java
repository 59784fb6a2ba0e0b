package dev.layerwise.layers;

import dev.layerwise.Shape;
import java.util.List;

/**
 * The difference of exactly two tensors of equal shapes, element by element: {@code y = x₁ − x₂}.
 *
 * <ul>
 *   <li>inputs: 2 tensors of the same per-sample shape (no broadcasting; see {@link MergeLayer})
 *   <li>output: that shape
 *   <li>gradient: ∂L/∂x₁ = ∂L/∂y, ∂L/∂x₂ = −∂L/∂y
 * </ul>
 *
 * <pre>{@code SymbolicTensor residual = Subtract.create().apply(target, prediction);}</pre>
 */
public record Subtract(String name) implements MergeLayer {
  public Subtract {
    LayerNames.check("Subtract", name);
  }

  public static Subtract create() {
    return new Subtract(null);
  }

  @Override
  public Subtract withName(String name) {
    return new Subtract(name);
  }

  @Override
  public Shape outputShape(List<Shape> inputs, List<String> names) {
    return MergeLayer.sameShapes(this, inputs, names);
  }

  @Override
  public int maxInputs() {
    return 2;
  }

  @Override
  public String namePrefix() {
    return "subtract";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitSubtract(this, context);
  }
}
