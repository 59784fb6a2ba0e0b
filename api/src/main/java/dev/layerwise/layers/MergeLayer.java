package dev.layerwise.layers;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * A layer that merges several tensors into one ({@link Add}, {@link Subtract}, {@link Multiply}, {@link Average},
 * {@link Maximum}, {@link Minimum}, {@link Concatenate}). It has no weights and is applied to two or more tensors
 * ({@code Add.create().apply(x, y)}); {@link Subtract} to exactly two.
 *
 * <p>The element-wise merges need inputs of equal per-sample shapes. Unlike Keras, which broadcasts dimensions of
 * size 1 ({@code [4, 1]} with {@code [4, 5]}) and accepts a single input, Layerwise refuses both: a shape mismatch
 * is far more often a wiring mistake than an intended broadcast, and the refusal names both inputs.
 */
public sealed interface MergeLayer extends Layer permits Add, Subtract, Multiply, Average, Maximum, Minimum,
    Concatenate {

  /**
   * The output shape for the given input shapes, in argument order; throws {@link IllegalArgumentException}
   * naming the layer and the offending inputs when they do not fit.
   *
   * @param names how each input is named in messages ({@code "the output of Dense 'left' [?, 4]"})
   */
  Shape outputShape(List<Shape> inputs, List<String> names);

  /** {@link #outputShape(List, List)} with the inputs named by position ({@code input 0}, {@code input 1}, …). */
  default Shape outputShape(List<Shape> inputs) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      names.add("input " + i);
    }
    return outputShape(inputs, names);
  }

  /** A merge layer always has several inputs: the one-input form is a caller's mistake. */
  @Override
  default Shape outputShape(Shape input) {
    throw new IllegalArgumentException(String.format("%s merges two or more tensors, so it has no output shape for"
        + " a single input %s; apply it to the tensors it merges", describe(), input));
  }

  /** The fewest tensors it merges (2). */
  default int minInputs() {
    return 2;
  }

  /** The most tensors it merges ({@link Integer#MAX_VALUE}: no limit). */
  default int maxInputs() {
    return Integer.MAX_VALUE;
  }

  /** The shared rule of the element-wise merges: every input has the first one's shape, which is the output's. */
  static Shape sameShapes(MergeLayer layer, List<Shape> inputs, List<String> names) {
    checkCount(layer, inputs, names);
    Shape first = inputs.get(0);
    for (int i = 1; i < inputs.size(); i++) {
      checkArgument(inputs.get(i).equals(first), "%s needs inputs of equal shapes (it does not broadcast), but %s"
          + " has shape %s and %s has shape %s", layer.describe(), names.get(0), first, names.get(i),
          inputs.get(i));
    }
    return first;
  }

  /** How many tensors a merge takes: at least {@link #minInputs}, at most {@link #maxInputs}. */
  static void checkCount(MergeLayer layer, List<Shape> inputs, List<String> names) {
    checkArgument(inputs.size() == names.size(), "%s: %s shapes but %s names", layer.describe(), inputs.size(),
        names.size());
    int min = layer.minInputs();
    int max = layer.maxInputs();
    String expected = min == max ? "exactly " + min : "at least " + min;
    checkArgument(inputs.size() >= min && inputs.size() <= max, "%s merges %s tensors, got %s%s",
        layer.describe(), expected, inputs.size(), inputs.isEmpty() ? "" : ": " + String.join(", ", names));
  }
}
