package dev.layerwise.reference.layers;

import java.util.Map;

/**
 * The anatomy every layer's equations share: a forward pass that returns the output and an explicit record of
 * what the backward pass needs, and a backward pass that maps the output gradient to the input gradient and the
 * parameter gradients. No autodiff: each implementation writes its derivative by hand, next to its forward.
 *
 * <p>Tensors are flat row-major {@code double[]} arrays with the batch dimension first. Parameters and their
 * gradients are keyed by the layer's short weight names ({@code kernel}, {@code bias}). Implementations never
 * write to their inputs, and keep no state between calls: everything a backward needs is in {@code S}.
 *
 * @param <S> what the forward saves for the backward
 */
public interface RefLayerEquations<S> {

  /** The output of a forward pass and what its backward pass will need. */
  record Forward<S>(double[] y, S saved) {}

  /**
   * The gradients of a scalar loss L from a backward pass.
   *
   * @param dx {@code ∂L/∂x}, shaped like the forward's input; {@code null} when not asked for
   * @param parameterGradients {@code ∂L/∂θ} for each parameter θ, by short name, shaped like θ
   */
  record Backward(double[] dx, Map<String, double[]> parameterGradients) {}

  /**
   * Computes the layer's output.
   *
   * @param params the layer's parameters by short name (empty for parameter-free layers)
   * @param x the input batch
   * @param training whether this is a training pass (reserved for layers that differ, such as dropout)
   */
  Forward<S> forward(Map<String, double[]> params, double[] x, boolean training);

  /**
   * Back-propagates {@code dy = ∂L/∂y}.
   *
   * @param needDx whether to compute {@code ∂L/∂x}; the first layer with parameters skips it in training
   */
  Backward backward(Map<String, double[]> params, S saved, double[] dy, boolean needDx);
}
