package dev.layerwise.reference.merging;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;

/**
 * The anatomy of a merge layer's equations: a forward pass from n ≥ 2 input tensors to one output, with an
 * explicit record of what the backward pass needs, and a backward pass from {@code dy = ∂L/∂y} to one
 * {@code dxᵢ = ∂L/∂xᵢ} per input, in input order. Tensors are flat row-major {@code double[]} arrays, batch first.
 * Like {@link dev.layerwise.reference.layers.RefLayerEquations}, implementations never write to their inputs and
 * keep no state between calls.
 *
 * @param <S> what the forward saves for the backward
 */
public interface RefMergeEquations<S> {

  /** The output of a forward pass and what its backward pass will need. */
  record Forward<S>(double[] y, S saved) {}

  /** Computes the output from the inputs, in argument order. */
  Forward<S> forward(List<double[]> xs);

  /** Back-propagates {@code dy}: one gradient per input, each shaped like that input. */
  List<double[]> backward(S saved, double[] dy);

  /** Every input must hold as many values as the first (the element-wise merges). */
  static int sameLength(String layer, List<double[]> xs) {
    checkArgument(xs.size() >= 2, "%s merges at least 2 tensors, got %s", layer, xs.size());
    int n = xs.get(0).length;
    for (int i = 1; i < xs.size(); i++) {
      checkArgument(xs.get(i).length == n, "%s: input %s holds %s values, input 0 holds %s", layer, i,
          xs.get(i).length, n);
    }
    return n;
  }
}
