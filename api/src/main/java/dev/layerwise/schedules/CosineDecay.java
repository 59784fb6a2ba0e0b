package dev.layerwise.schedules;

/**
 * Cosine decay with an optional linear warm-up (Keras 3's {@code CosineDecay}).
 *
 * <ul>
 *   <li>without warm-up: {@code η_s = η₀·((1 − α)·½(1 + cos(π·min(s, D)/D)) + α)}: from η₀ down to α·η₀ over D
 *       steps
 *   <li>with warm-up of W steps to a target η_w: {@code η_s = η₀ + (η_w − η₀)·s/W} for s &lt; W, then the cosine
 *       above from η_w over the next D steps ({@code s − W})
 * </ul>
 *
 * <p>A warm-up longer than the decay it leads into is refused.
 *
 * @param alpha the floor as a fraction of the peak, in [0, 1]
 * @param warmupSteps W (0 for none)
 * @param warmupTarget η_w ({@code NaN} without warm-up)
 */
public record CosineDecay(double initialLearningRate, long decaySteps, double alpha, long warmupSteps,
    double warmupTarget) implements LearningRateSchedule {
  public CosineDecay {
    LearningRateSchedule.checkRate("CosineDecay", "initialLearningRate", initialLearningRate);
    LearningRateSchedule.checkSteps("CosineDecay", "decaySteps", decaySteps);
    if (!(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException("CosineDecay: alpha (the floor as a fraction of the peak) must be in [0, 1],"
          + " got " + alpha);
    }
    if (warmupSteps < 0) {
      throw new IllegalArgumentException("CosineDecay: warmupSteps must be ≥ 0, got " + warmupSteps);
    }
    if (warmupSteps == 0 && !Double.isNaN(warmupTarget)) {
      throw new IllegalArgumentException("CosineDecay: a warm-up target (" + warmupTarget + ") needs warm-up steps,"
          + " got 0");
    }
    if (warmupSteps > 0) {
      LearningRateSchedule.checkRate("CosineDecay", "warmupTarget", warmupTarget);
      if (warmupSteps > decaySteps) {
        throw new IllegalArgumentException("CosineDecay: a warm-up of " + warmupSteps + " steps is longer than the "
            + decaySteps + "-step decay it leads into");
      }
    }
  }

  /** Adds a linear warm-up from η₀ to {@code target} over {@code steps} steps before the decay. */
  public CosineDecay withWarmup(long steps, double target) {
    return new CosineDecay(initialLearningRate, decaySteps, alpha, steps, target);
  }

  public CosineDecay withAlpha(double alpha) {
    return new CosineDecay(initialLearningRate, decaySteps, alpha, warmupSteps, warmupTarget);
  }

  @Override
  public double at(long step) {
    if (warmupSteps > 0 && step < warmupSteps) {
      return initialLearningRate + (warmupTarget - initialLearningRate) * step / warmupSteps;
    }
    double peak = warmupSteps > 0 ? warmupTarget : initialLearningRate;
    double s = Math.min(step - warmupSteps, decaySteps);
    double cosine = 0.5 * (1 + Math.cos(Math.PI * s / decaySteps));
    return peak * ((1 - alpha) * cosine + alpha);
  }
}
