package dev.layerwise.doctor;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How {@link LearningRateRangeTest} sweeps: from {@code minRate} to {@code maxRate} in {@code steps} geometric
 * steps, on batches of {@code batchSize} drawn (shuffled, with {@code seed}) from the data, stopping early once the
 * smoothed loss passes {@code divergenceFactor} × its minimum.
 *
 * <p>The defaults: fastai's {@code lr_find} range (1e-7 to 10) and stop (4× the minimum), Keras's batch size 32, and
 * 300 steps with smoothing β 0.9 where fastai takes 100 steps and β 0.98 — the "a few hundred steps", and
 * measured: on the Fashion-MNIST MLP (TF backend, shuffling seeds 42, 1, 2, 3) 100 steps suggested 7e-4 to 2.6e-3 for
 * Adam and 0.0096 to 0.051 for SGD, 300 steps 7.0e-4 to 1.2e-3 and 0.017 to 0.022; trained 5 epochs at the
 * 300-step suggestion, both beat the Keras defaults on both seeds tried (see the example
 * {@code LearningRateRangeExample}). More steps train more at each rate, so the loss bottoms out at lower, better
 * separated rates; 300 steps of batch 32 are 9,600 samples, a sixth of a Fashion-MNIST epoch (about 1 s on the TF
 * backend). On β, see {@link LearningRateRangeTest}. 300 steps over 8 decades is a rate ×1.064 per step.
 *
 * @param minRate the first rate, &gt; 0
 * @param maxRate the last rate, &gt; {@code minRate}
 * @param steps updates in the sweep, ≥ 10 (one rate each)
 * @param batchSize samples per update
 * @param beta the smoothing factor of the loss's running average, in [0, 1) (see {@link LearningRateRangeTest})
 * @param divergenceFactor the sweep stops when the smoothed loss exceeds this multiple of its minimum, &gt; 1
 * @param seed the shuffling seed
 */
public record RangeTestOptions(double minRate, double maxRate, int steps, int batchSize, double beta,
    double divergenceFactor, long seed) {
  public static final double DEFAULT_MIN_RATE = 1e-7;
  public static final double DEFAULT_MAX_RATE = 10;
  public static final int DEFAULT_STEPS = 300;
  public static final int DEFAULT_BATCH_SIZE = 32;
  public static final double DEFAULT_BETA = 0.9;
  public static final double DEFAULT_DIVERGENCE_FACTOR = 4;

  public RangeTestOptions {
    checkArgument(minRate > 0 && Double.isFinite(minRate), "RangeTestOptions: minRate must be finite and > 0, got %s",
        minRate);
    checkArgument(maxRate > minRate && Double.isFinite(maxRate), "RangeTestOptions: maxRate must be finite and above"
        + " minRate %s, got %s", minRate, maxRate);
    checkArgument(steps >= 10, "RangeTestOptions: steps must be ≥ 10, got %s", steps);
    checkArgument(batchSize >= 1, "RangeTestOptions: batchSize must be ≥ 1, got %s", batchSize);
    checkArgument(beta >= 0 && beta < 1, "RangeTestOptions: beta must be in [0, 1), got %s", beta);
    checkArgument(divergenceFactor > 1, "RangeTestOptions: divergenceFactor must be > 1, got %s", divergenceFactor);
  }

  /** The defaults above, seed 42. */
  public static RangeTestOptions defaults() {
    return new RangeTestOptions(DEFAULT_MIN_RATE, DEFAULT_MAX_RATE, DEFAULT_STEPS, DEFAULT_BATCH_SIZE, DEFAULT_BETA,
        DEFAULT_DIVERGENCE_FACTOR, 42);
  }

  public RangeTestOptions withRates(double minRate, double maxRate) {
    return new RangeTestOptions(minRate, maxRate, steps, batchSize, beta, divergenceFactor, seed);
  }

  public RangeTestOptions withSteps(int steps) {
    return new RangeTestOptions(minRate, maxRate, steps, batchSize, beta, divergenceFactor, seed);
  }

  public RangeTestOptions withBatchSize(int batchSize) {
    return new RangeTestOptions(minRate, maxRate, steps, batchSize, beta, divergenceFactor, seed);
  }

  public RangeTestOptions withBeta(double beta) {
    return new RangeTestOptions(minRate, maxRate, steps, batchSize, beta, divergenceFactor, seed);
  }

  public RangeTestOptions withSeed(long seed) {
    return new RangeTestOptions(minRate, maxRate, steps, batchSize, beta, divergenceFactor, seed);
  }

  /** Rate i of the sweep (0-based): {@code minRate·(maxRate/minRate)^(i/(steps−1))}. */
  public double rate(int i) {
    checkArgument(i >= 0 && i < steps, "RangeTestOptions: rate index must be in 0..%s, got %s", steps - 1, i);
    return minRate * Math.pow(maxRate / minRate, (double) i / (steps - 1));
  }
}
