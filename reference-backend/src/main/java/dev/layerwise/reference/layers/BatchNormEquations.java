package dev.layerwise.reference.layers;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.reference.PlantedFault;
import java.util.Map;

/**
 * Batch normalisation over the last axis of C channels, statistics over every other axis: x is read as
 * {@code [n, C]}, n = batch (× height × width for images). Per channel, with γ = 1 without scale and β = 0
 * without center:
 *
 * <ul>
 *   <li>training: {@code μ = (1/n)Σx}, {@code σ² = (1/n)Σ(x − μ)²} (biased), {@code x̂ = (x − μ)/√(σ² + ε)},
 *       {@code y = γ·x̂ + β}
 *   <li>inference: the same with {@code μ = moving_mean}, {@code σ² = moving_variance}
 *   <li>{@code dγ = Σ dy ⊙ x̂}, {@code dβ = Σ dy} ({@code [C]}, sums over the n rows), in both modes
 *   <li>{@code dx} (training) {@code = γ/√(σ² + ε)·(dy − mean(dy) − x̂·mean(dy ⊙ x̂))}: μ and σ² depend on every
 *       x of the channel, which removes from dy its mean and its component along x̂
 *   <li>{@code dx} (inference) {@code = γ/√(moving_variance + ε)·dy}: the statistics are constants
 *   <li>state, after a training step ({@link #stateUpdates}):
 *       {@code moving_mean ← m·moving_mean + (1 − m)·μ}, {@code moving_variance ← m·moving_variance + (1 − m)·σ²},
 *       with the biased σ² of the batch
 * </ul>
 */
public final class BatchNormEquations implements RefLayerEquations<BatchNormEquations.Saved> {
  public static final String GAMMA = "gamma";
  public static final String BETA = "beta";
  public static final String MOVING_MEAN = "moving_mean";
  public static final String MOVING_VARIANCE = "moving_variance";

  /**
   * What the backward and the state update need.
   *
   * @param training the mode of the forward
   * @param xHat the normalised input, {@code [n, C]}
   * @param invStd {@code 1/√(σ² + ε)} per channel, of the statistics used
   * @param mean the batch mean μ (training only, else {@code null})
   * @param variance the biased batch variance σ² (training only, else {@code null})
   */
  public record Saved(boolean training, double[] xHat, double[] invStd, double[] mean, double[] variance) {}

  private final int channels;
  private final double momentum;
  private final double epsilon;
  private final boolean scale;
  private final boolean center;

  public BatchNormEquations(int channels, double momentum, double epsilon, boolean scale, boolean center) {
    checkArgument(channels > 0, "BatchNormEquations: channels must be positive, got %s", channels);
    this.channels = channels;
    this.momentum = momentum;
    this.epsilon = epsilon;
    this.scale = scale;
    this.center = center;
  }

  @Override
  public Forward<Saved> forward(Map<String, double[]> params, double[] x, Mode mode) {
    int c = channels;
    checkArgument(x.length % c == 0, "BatchNormalization: input of %s values is not a whole number of rows of %s",
        x.length, c);
    int n = x.length / c;
    double[] mean;
    double[] variance;
    if (mode.training()) {
      mean = new double[c];
      variance = new double[c];
      for (int i = 0; i < x.length; i++) {
        mean[i % c] += x[i];
      }
      for (int k = 0; k < c; k++) {
        mean[k] /= n;
      }
      for (int i = 0; i < x.length; i++) { // two passes: Σ(x − μ)² does not cancel as Σx² − nμ² would
        double d = x[i] - mean[i % c];
        variance[i % c] += d * d;
      }
      for (int k = 0; k < c; k++) {
        variance[k] /= n;
      }
    } else {
      mean = params.get(MOVING_MEAN);
      variance = params.get(MOVING_VARIANCE);
    }
    double[] invStd = new double[c];
    for (int k = 0; k < c; k++) {
      invStd[k] = 1 / Math.sqrt(variance[k] + epsilon);
    }
    double[] gamma = scale ? params.get(GAMMA) : null;
    double[] beta = center ? params.get(BETA) : null;
    double[] xHat = new double[x.length];
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      int k = i % c;
      xHat[i] = (x[i] - mean[k]) * invStd[k];
      y[i] = (scale ? gamma[k] * xHat[i] : xHat[i]) + (center ? beta[k] : 0);
    }
    boolean t = mode.training();
    return new Forward<>(y, new Saved(t, xHat, invStd, t ? mean : null, t ? variance : null));
  }

  @Override
  public Backward backward(Map<String, double[]> params, Saved saved, double[] dy, boolean needDx) {
    int c = channels;
    int n = dy.length / c;
    double[] xHat = saved.xHat();
    double[] sumDy = new double[c];
    double[] sumDyXHat = new double[c];
    for (int i = 0; i < dy.length; i++) {
      sumDy[i % c] += dy[i];
      sumDyXHat[i % c] += dy[i] * xHat[i];
    }
    double[] dGamma = sumDyXHat;
    if (PlantedFault.BATCHNORM_DGAMMA.isPlanted()) {
      dGamma = sumDyTimesInput(params, saved, dy);
    }
    Map<String, double[]> grads = scale && center ? Map.of(GAMMA, dGamma, BETA, sumDy)
        : scale ? Map.of(GAMMA, dGamma) : center ? Map.of(BETA, sumDy) : Map.of();
    if (!needDx) {
      return new Backward(null, grads);
    }
    double[] gamma = scale ? params.get(GAMMA) : null;
    double[] dx = new double[dy.length];
    for (int i = 0; i < dy.length; i++) {
      int k = i % c;
      double g = (scale ? gamma[k] : 1) * saved.invStd()[k];
      dx[i] = saved.training() ? g * (dy[i] - sumDy[k] / n - xHat[i] * (sumDyXHat[k] / n)) : g * dy[i];
    }
    return new Backward(dx, grads);
  }

  /** {@code Σ dy ⊙ x} per channel, with x rebuilt as {@code x̂/invStd + μ}: the {@link PlantedFault}'s wrong dγ. */
  private double[] sumDyTimesInput(Map<String, double[]> params, Saved saved, double[] dy) {
    double[] mean = saved.training() ? saved.mean() : params.get(MOVING_MEAN);
    double[] sum = new double[channels];
    for (int i = 0; i < dy.length; i++) {
      int k = i % channels;
      sum[k] += dy[i] * (saved.xHat()[i] / saved.invStd()[k] + mean[k]);
    }
    return sum;
  }

  /** The moving statistics after a training step; nothing after an inference pass. */
  @Override
  public Map<String, double[]> stateUpdates(Map<String, double[]> params, Saved saved) {
    if (!saved.training()) {
      return Map.of();
    }
    return Map.of(MOVING_MEAN, movingAverage(params.get(MOVING_MEAN), saved.mean()),
        MOVING_VARIANCE, movingAverage(params.get(MOVING_VARIANCE), saved.variance()));
  }

  /** {@code m·moving + (1 − m)·batch}, a new array. */
  private double[] movingAverage(double[] moving, double[] batch) {
    double[] out = new double[channels];
    for (int k = 0; k < channels; k++) {
      out[k] = momentum * moving[k] + (1 - momentum) * batch[k];
    }
    return out;
  }
}
