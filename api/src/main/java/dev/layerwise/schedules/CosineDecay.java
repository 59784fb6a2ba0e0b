package dev.layerwise.schedules;

/**
 * Cosine decay with an optional linear warm-up: Keras 3's {@code CosineDecay}.
 *
 * <ul>
 *   <li>without warm-up: {@code η_s = η₀·((1 − α)·½(1 + cos(π·min(s, D)/D)) + α)}: from η₀ down to α·η₀ over D
 *       steps
 *   <li>with a warm-up of W steps to a target η_w: {@code η_s = (η_w − η₀)·(s/W) + η₀} for s &lt; W, then the
 *       cosine above from η_w over the next D steps ({@code s − W}), and α·η_w after them
 * </ul>
 *
 * <p>As in Keras, η₀ may be 0 — the usual warm-up {@code cosineDecay(0, D).withWarmup(W, peak)} — and the warm-up
 * may be longer than the decay. A target with W = 0 decays from the target (η₀ is then unused), as in Keras.
 * Unlike Keras, warm-up steps without a target are refused: Keras ignores them silently.
 *
 * @param initialLearningRate η₀ ≥ 0
 * @param alpha the floor as a fraction of the peak, in [0, 1]
 * @param warmupSteps W (0 for none)
 * @param warmupTarget η_w, the peak the warm-up reaches ({@code NaN}: none, the decay starts from η₀)
 */
public record CosineDecay(double initialLearningRate, long decaySteps, double alpha, long warmupSteps,
    double warmupTarget) implements LearningRateSchedule {
  public CosineDecay {
    if (!(initialLearningRate >= 0) || Double.isInfinite(initialLearningRate)) {
      throw new IllegalArgumentException("CosineDecay: initialLearningRate must be non-negative and finite, got "
          + initialLearningRate);
    }
    LearningRateSchedule.checkSteps("CosineDecay", "decaySteps", decaySteps);
    if (!(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException("CosineDecay: alpha (the floor as a fraction of the peak) must be in [0, 1],"
          + " got " + alpha);
    }
    if (warmupSteps < 0) {
      throw new IllegalArgumentException("CosineDecay: warmupSteps must be ≥ 0, got " + warmupSteps);
    }
    if (Double.isNaN(warmupTarget)) {
      if (warmupSteps > 0) {
        throw new IllegalArgumentException("CosineDecay: a warm-up of " + warmupSteps + " steps needs a"
            + " warmupTarget, the rate to warm up to; got none");
      }
    } else {
      LearningRateSchedule.checkRate("CosineDecay", "warmupTarget", warmupTarget);
    }
  }

  /** Adds a linear warm-up from η₀ to {@code target} over {@code steps} steps before the decay. */
  public CosineDecay withWarmup(long steps, double target) {
    return new CosineDecay(initialLearningRate, decaySteps, alpha, steps, target);
  }

  public CosineDecay withAlpha(double alpha) {
    return new CosineDecay(initialLearningRate, decaySteps, alpha, warmupSteps, warmupTarget);
  }

  /** Keras's evaluation order: a warm-up fraction, then the decay, each in the order Keras writes it. */
  @Override
  public double at(long step) {
    if (Double.isNaN(warmupTarget)) {
      return decay(Math.min(step, decaySteps), initialLearningRate);
    }
    long s = Math.min(step, decaySteps + warmupSteps);
    if (s < warmupSteps) {
      return (warmupTarget - initialLearningRate) * ((double) s / warmupSteps) + initialLearningRate;
    }
    return decay(s - warmupSteps, warmupTarget);
  }

  private double decay(long step, double from) {
    double completed = (double) step / decaySteps;
    double cosine = 0.5 * (1 + Math.cos(Math.PI * completed));
    return from * ((1 - alpha) * cosine + alpha);
  }
}
