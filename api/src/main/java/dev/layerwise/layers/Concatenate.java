package dev.layerwise.layers;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;
import java.util.List;

/**
 * Joins two or more tensors along one axis of the sample: the inputs must agree on every other axis, and the
 * output's length on {@code axis} is the sum of theirs; the values of input 1 follow those of input 0 along it.
 *
 * <ul>
 *   <li>inputs: n ≥ 2 tensors of one rank r, equal except along {@code axis}
 *   <li>output: that shape with {@code axis} of length Σᵢ dᵢ
 *   <li>gradient: ∂L/∂xᵢ is the slice of ∂L/∂y that xᵢ filled
 * </ul>
 *
 * <p>{@code axis} counts within a sample, like {@link Softmax}'s: 0 is the first axis after the batch, −1 (the
 * default) the last. Negative axes mean what they mean in Keras; a non-negative axis k here is Keras's axis k + 1,
 * whose axes count the batch.
 *
 * <pre>{@code SymbolicTensor both = Concatenate.create().apply(left, right);   // [4] and [6] give [10]}</pre>
 */
public record Concatenate(String name, int axis) implements MergeLayer {
  public Concatenate {
    LayerNames.check("Concatenate", name);
  }

  /** Along the last axis of the sample. */
  public static Concatenate create() {
    return new Concatenate(null, -1);
  }

  /** Along the given axis of the sample (negative counts from the last). */
  public static Concatenate axis(int axis) {
    return new Concatenate(null, axis);
  }

  @Override
  public Concatenate withName(String name) {
    return new Concatenate(name, axis);
  }

  public Concatenate withAxis(int axis) {
    return new Concatenate(name, axis);
  }

  /** The axis as an index into a sample of rank {@code rank}; throws if it is outside. */
  public int resolvedAxis(int rank) {
    int a = axis < 0 ? rank + axis : axis;
    checkArgument(a >= 0 && a < rank, "%s: axis %s is outside a sample of rank %s", describe(), axis, rank);
    return a;
  }

  @Override
  public Shape outputShape(List<Shape> inputs, List<String> names) {
    MergeLayer.checkCount(this, inputs, names);
    Shape first = inputs.get(0);
    int a = resolvedAxis(first.rank());
    int[] out = first.dims();
    for (int i = 1; i < inputs.size(); i++) {
      Shape s = inputs.get(i);
      boolean fits = s.rank() == first.rank();
      for (int k = 0; fits && k < s.rank(); k++) {
        fits = k == a || s.dim(k) == first.dim(k);
      }
      checkArgument(fits, "%s needs inputs of equal shapes except along axis %s, but %s has shape %s and %s has"
          + " shape %s", describe(), axis, names.get(0), first, names.get(i), s);
      out[a] += s.dim(a);
    }
    return Shape.of(out);
  }

  @Override
  public String namePrefix() {
    return "concatenate";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitConcatenate(this, context);
  }
}
