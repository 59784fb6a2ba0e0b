package dev.layerwise.layers;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;
import java.util.List;

/**
 * Gives each sample a new shape with the same number of values, in row-major order (so, like {@link Flatten}, it
 * moves no data). One dimension may be {@code -1}, inferred from the others:
 * {@code Reshape.to(28, 28, 1)}, {@code Reshape.to(-1, 4)}.
 *
 * <p>Input: any shape. Output: the target shape.
 *
 * @param targetShape the per-sample shape, at most one entry −1
 */
public record Reshape(String name, List<Integer> targetShape) implements Layer {
  public Reshape {
    LayerNames.check("Reshape", name);
    requireNonNull(targetShape, "Reshape: targetShape");
    targetShape = List.copyOf(targetShape);
    String who = LayerNames.describe("Reshape", name);
    checkArgument(!targetShape.isEmpty(), "%s: the target shape needs at least one dimension", who);
    checkArgument(targetShape.stream().allMatch(d -> d > 0 || d == -1),
        "%s: target dimensions must be positive or -1, got %s", who, targetShape);
    checkArgument(targetShape.stream().filter(d -> d == -1).count() <= 1,
        "%s: at most one target dimension may be -1, got %s", who, targetShape);
  }

  public static Reshape to(int... dims) {
    return new Reshape(null, java.util.Arrays.stream(dims).boxed().toList());
  }

  @Override
  public Reshape withName(String name) {
    return new Reshape(name, targetShape);
  }

  @Override
  public Shape outputShape(Shape input) {
    int known = 1;
    for (int d : targetShape) {
      known *= d == -1 ? 1 : d;
    }
    int[] dims = targetShape.stream().mapToInt(Integer::intValue).toArray();
    boolean inferred = targetShape.contains(-1);
    checkArgument(inferred ? input.size() % known == 0 : input.size() == known,
        "%s: cannot reshape a sample of shape %s (%s values) to %s", describe(), input, input.size(), targetShape);
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] == -1) {
        dims[i] = input.size() / known;
      }
    }
    return Shape.of(dims);
  }


  @Override
  public String namePrefix() {
    return "reshape";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitReshape(this, context);
  }
}
