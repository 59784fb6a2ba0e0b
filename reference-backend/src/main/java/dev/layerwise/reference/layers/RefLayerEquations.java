package dev.layerwise.reference.layers;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Map;

/**
 * The anatomy every layer's equations share: a forward pass that returns the output and an explicit record of
 * what the backward pass needs, and a backward pass that maps the output gradient to the input gradient and the
 * parameter gradients. No autodiff: each implementation writes its derivative by hand, next to its forward.
 *
 * <p>Tensors are flat row-major {@code double[]} arrays with the batch dimension first. Parameters and their
 * gradients are keyed by the layer's short weight names ({@code kernel}, {@code bias}). Implementations never
 * write to their inputs, draw no random numbers and keep no state between calls: everything a backward needs is
 * in {@code S}, and whatever varies per call (the mode, a dropout mask) comes in through {@link Mode}.
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
   * @param parameterGradients {@code ∂L/∂θ} for each trainable parameter θ, by short name, shaped like θ
   */
  record Backward(double[] dx, Map<String, double[]> parameterGradients) {}

  /**
   * How a forward pass runs: in training or inference mode, and, for a random node in training, its draws: a
   * dropout node's 0/1 mask (one value per element of the input, batch included), an augmentation node's
   * parameters ({@code k} per sample). The backward of a pass runs in the pass's mode: its {@code Saved} record says
   * which.
   *
   * @param dropoutMask the draws, or {@code null} for every node but a training-mode dropout or augmentation
   */
  record Mode(boolean training, double[] dropoutMask) {
    public static final Mode INFERENCE = new Mode(false, null);
    public static final Mode TRAINING = new Mode(true, null);

    public Mode {
      checkArgument(training || dropoutMask == null, "a dropout mask only applies in training mode");
    }

    public static Mode of(boolean training) {
      return training ? TRAINING : INFERENCE;
    }

    /** The draws of a random node: its dropout mask or its augmentation parameters. */
    public double[] draws() {
      return dropoutMask;
    }

    /** Training mode with a dropout node's mask. */
    public static Mode training(double[] dropoutMask) {
      return new Mode(true, dropoutMask);
    }
  }

  /**
   * Computes the layer's output.
   *
   * @param params the layer's weights by short name, trainable and not (empty for parameter-free layers)
   * @param x the input batch
   * @param mode training or inference, and what else the pass needs from outside the layer
   */
  Forward<S> forward(Map<String, double[]> params, double[] x, Mode mode);

  /** {@link #forward(Map, double[], Mode)} in plain training or inference mode (no dropout mask). */
  default Forward<S> forward(Map<String, double[]> params, double[] x, boolean training) {
    return forward(params, x, Mode.of(training));
  }

  /**
   * Back-propagates {@code dy = ∂L/∂y}, in the mode of the forward pass that saved {@code saved}.
   *
   * @param needDx whether to compute {@code ∂L/∂x}; the first layer with parameters skips it in training
   */
  Backward backward(Map<String, double[]> params, S saved, double[] dy, boolean needDx);

  /**
   * The new values of the layer's non-trainable weights after a training step, by short name, computed from
   * what the step's training-mode forward saved (batch normalisation's moving statistics). The model applies
   * them after a training step only: never after a gradient or output computation. Most layers have none.
   */
  default Map<String, double[]> stateUpdates(Map<String, double[]> params, S saved) {
    return Map.of();
  }
}
