package dev.layerwise.tf.lower;

import dev.layerwise.layers.BatchNormalization;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * Batch normalisation over the last axis, from primitives rather than {@code FusedBatchNormV3} (float32-only,
 * and it hands back a Bessel-corrected variance). Statistics are taken over every axis but the last, so one
 * class serves Dense ({@code [n, C]}) and NHWC conv ({@code [n, H, W, C]}) inputs.
 *
 * <ul>
 *   <li>training: {@code μ = mean(x)}, {@code σ² = mean((x − μ)²)} (biased), {@code y = γ·(x − μ)·rsqrt(σ² + ε) + β};
 *       the moving statistics get {@code moving ← m·moving + (1 − m)·stat}, handed to the caller as
 *       {@link TfStateUpdate}s computed from the very μ and σ² of this forward pass
 *   <li>inference: {@code y = γ·(x − moving_mean)·rsqrt(moving_variance + ε) + β}
 * </ul>
 *
 * <p>As in {@code tf.nn.moments}, σ² reads μ through {@code StopGradient}: ∂σ²/∂μ = −(2/n)Σ(x − μ) is exactly
 * zero, so this drops only a term of rounding noise. {@code (x − μ)} is formed before scaling, which keeps
 * precision for inputs with a large mean (the folded {@code x·s + (β − μ·s)} would cancel catastrophically).
 */
final class TfBatchNormLowering<T extends TFloating> {
  private final TfScope<T> s;
  private final Ops tf;
  private final BatchNormalization layer;
  private final Operand<TInt32> statAxes;
  private final Operand<T> gamma;
  private final Operand<T> beta;
  private final Operand<T> movingMean;
  private final Operand<T> movingVariance;

  /**
   * @param rank the rank of the batched input
   * @param gamma the scale, or {@code null} without scale
   * @param beta the offset, or {@code null} without center
   */
  TfBatchNormLowering(TfScope<T> s, BatchNormalization layer, int rank, Operand<T> gamma, Operand<T> beta,
      Operand<T> movingMean, Operand<T> movingVariance) {
    this.s = s;
    this.tf = s.tf();
    this.layer = layer;
    this.statAxes = s.axesBelow(rank - 1);
    this.gamma = gamma;
    this.beta = beta;
    this.movingMean = movingMean;
    this.movingVariance = movingVariance;
  }

  /**
   * @param node the layer's node name, for the full names of the moving statistics
   */
  Operand<T> training(Operand<T> x, String node, List<TfStateUpdate<T>> stateUpdates) {
    Operand<T> mean = tf.withName("mean").math.mean(x, statAxes);
    Operand<T> variance = tf.withName("variance").math.mean(
        tf.math.squaredDifference(x, tf.stopGradient(mean)), statAxes);
    stateUpdates.add(new TfStateUpdate<>(node + "/moving_mean", movingMean, movingAverage(movingMean, mean)));
    stateUpdates.add(new TfStateUpdate<>(node + "/moving_variance", movingVariance,
        movingAverage(movingVariance, variance)));
    return normalize(x, mean, variance);
  }

  Operand<T> inference(Operand<T> x) {
    return normalize(x, movingMean, movingVariance);
  }

  private Operand<T> normalize(Operand<T> x, Operand<T> mean, Operand<T> variance) {
    Operand<T> xhat = tf.math.mul(tf.math.sub(x, mean),
        tf.math.rsqrt(tf.math.add(variance, s.constant(layer.epsilon()))));
    Operand<T> y = gamma == null ? xhat : tf.math.mul(xhat, gamma);
    return beta == null ? y : tf.math.add(y, beta);
  }

  /** {@code m·moving + (1 − m)·stat}, with (1 − m) formed in double before rounding to the type. */
  private Operand<T> movingAverage(Operand<T> moving, Operand<T> stat) {
    double m = layer.momentum();
    return tf.math.add(tf.math.mul(s.constant(m), moving), tf.math.mul(s.constant(1 - m), stat));
  }
}
