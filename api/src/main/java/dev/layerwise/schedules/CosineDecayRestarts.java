package dev.layerwise.schedules;

/**
 * Cosine decay with warm restarts, SGDR (Loshchilov &amp; Hutter 2017): Keras 3's {@code CosineDecayRestarts}. The
 * rate falls along half a cosine from η₀ to α·η₀ over the first period of D steps, then jumps back up and falls
 * again; period i (from 0) lasts {@code D·tMulⁱ} steps and starts at {@code η₀·mMulⁱ}. With s' the steps into
 * period i and {@code P = D·tMulⁱ} its length:
 *
 * <pre>
 *   η_s = η₀ · ((1 − α) · mMulⁱ · ½(1 + cos(π·s'/P)) + α)
 * </pre>
 *
 * <p>Keras's defaults: tMul 2 (each period twice the last), mMul 1 (every restart to η₀), α 0. The periods are
 * found by their sums, {@code D·(tMulⁱ − 1)/(tMul − 1)}, so a step exactly at a restart starts the new period (Keras's
 * closed form takes a logarithm, which can round such a step into the end of the previous one).
 *
 * @param firstDecaySteps D, the length of the first period
 * @param tMul how much longer each period is than the one before, ≥ 1 (shorter periods would add up to a finite
 *     number of steps, after which the schedule is undefined: Keras returns NaN there)
 * @param mMul the factor on each restart's peak, positive
 * @param alpha the floor as a fraction of η₀, in [0, 1]
 */
public record CosineDecayRestarts(double initialLearningRate, long firstDecaySteps, double tMul, double mMul,
    double alpha) implements LearningRateSchedule {
  public CosineDecayRestarts {
    LearningRateSchedule.checkRate("CosineDecayRestarts", "initialLearningRate", initialLearningRate);
    LearningRateSchedule.checkSteps("CosineDecayRestarts", "firstDecaySteps", firstDecaySteps);
    if (!(tMul >= 1) || Double.isInfinite(tMul)) {
      throw new IllegalArgumentException("CosineDecayRestarts: tMul (each period's length over the previous one's)"
          + " must be finite and ≥ 1, got " + tMul);
    }
    if (!(mMul > 0) || Double.isInfinite(mMul)) {
      throw new IllegalArgumentException("CosineDecayRestarts: mMul (each restart's peak over the previous one's)"
          + " must be positive and finite, got " + mMul);
    }
    if (!(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException("CosineDecayRestarts: alpha (the floor as a fraction of the initial rate)"
          + " must be in [0, 1], got " + alpha);
    }
  }

  /** Each period {@code tMul} times as long as the one before (1: all equal). */
  public CosineDecayRestarts withTMul(double tMul) {
    return new CosineDecayRestarts(initialLearningRate, firstDecaySteps, tMul, mMul, alpha);
  }

  /** Each restart's peak {@code mMul} times the one before. */
  public CosineDecayRestarts withMMul(double mMul) {
    return new CosineDecayRestarts(initialLearningRate, firstDecaySteps, tMul, mMul, alpha);
  }

  public CosineDecayRestarts withAlpha(double alpha) {
    return new CosineDecayRestarts(initialLearningRate, firstDecaySteps, tMul, mMul, alpha);
  }

  @Override
  public double at(long step) {
    double f = (double) step / firstDecaySteps; // the position in units of the first period
    long period;
    double within; // the fraction of its own period completed
    if (tMul == 1) {
      period = (long) Math.floor(f);
      within = f - period;
    } else {
      // The closed form's guess, settled against the period sums so rounding cannot misplace a restart.
      period = Math.max(0, (long) Math.floor(Math.log1p(f * (tMul - 1)) / Math.log(tMul)));
      while (period > 0 && f < periodsBefore(period)) {
        period--;
      }
      while (f >= periodsBefore(period + 1)) {
        period++;
      }
      within = (f - periodsBefore(period)) / Math.pow(tMul, period);
    }
    double cosine = 0.5 * Math.pow(mMul, period) * (1 + Math.cos(Math.PI * within));
    return initialLearningRate * ((1 - alpha) * cosine + alpha);
  }

  /** Σ_{j<i} tMulʲ = (tMulⁱ − 1)/(tMul − 1): where period i starts, in units of the first period. */
  private double periodsBefore(long i) {
    return (Math.pow(tMul, i) - 1) / (tMul - 1);
  }
}
