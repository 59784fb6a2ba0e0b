package dev.layerwise.reference.merging;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Concatenate}: n inputs joined along one axis a of the sample. In row-major storage a batch of input i is
 * {@code outer} blocks of {@code dᵢ·inner} values, where {@code outer} is the batch times the sample's dimensions
 * before a, {@code dᵢ} the input's length along a and {@code inner} the product of the dimensions after a.
 *
 * <ul>
 *   <li>forward: block o of y is block o of x₁, then block o of x₂, …, then block o of xₙ
 *   <li>backward: {@code dxᵢ} is the part of each block of dy that xᵢ filled
 * </ul>
 */
public final class ConcatenateEquations implements RefMergeEquations<ConcatenateEquations.Saved> {

  /** The number of blocks in the batch. */
  public record Saved(int outer) {}

  private final int[] lengths;
  private final int outputBlock;
  private final String layer;

  /**
   * @param inputs the inputs' per-sample shapes, equal except along {@code axis}
   * @param axis the resolved axis of the sample, in {@code [0, rank)}
   */
  public ConcatenateEquations(List<Shape> inputs, int axis, String layer) {
    this.layer = layer;
    Shape first = inputs.get(0);
    checkArgument(axis >= 0 && axis < first.rank(), "%s: axis %s is outside a sample of rank %s", layer, axis,
        first.rank());
    int inner = 1;
    for (int k = axis + 1; k < first.rank(); k++) {
      inner *= first.dim(k);
    }
    this.lengths = new int[inputs.size()];
    int total = 0;
    for (int i = 0; i < inputs.size(); i++) {
      lengths[i] = inputs.get(i).dim(axis) * inner;
      total += lengths[i];
    }
    this.outputBlock = total;
  }

  @Override
  public Forward<Saved> forward(List<double[]> xs) {
    checkArgument(xs.size() == lengths.length, "%s: %s inputs, built for %s", layer, xs.size(), lengths.length);
    int outer = xs.get(0).length / lengths[0];
    for (int i = 0; i < xs.size(); i++) {
      checkArgument(xs.get(i).length == outer * lengths[i], "%s: input %s holds %s values, not %s blocks of %s",
          layer, i, xs.get(i).length, outer, lengths[i]);
    }
    double[] y = new double[outer * outputBlock];
    for (int o = 0; o < outer; o++) {
      int at = o * outputBlock;
      for (int i = 0; i < xs.size(); i++) {
        System.arraycopy(xs.get(i), o * lengths[i], y, at, lengths[i]);
        at += lengths[i];
      }
    }
    return new Forward<>(y, new Saved(outer));
  }

  @Override
  public List<double[]> backward(Saved saved, double[] dy) {
    List<double[]> out = new ArrayList<>(lengths.length);
    for (int length : lengths) {
      out.add(new double[saved.outer() * length]);
    }
    for (int o = 0; o < saved.outer(); o++) {
      int at = o * outputBlock;
      for (int i = 0; i < lengths.length; i++) {
        System.arraycopy(dy, at, out.get(i), o * lengths[i], lengths[i]);
        at += lengths[i];
      }
    }
    return out;
  }
}
