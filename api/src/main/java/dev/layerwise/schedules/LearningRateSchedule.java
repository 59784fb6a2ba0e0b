package dev.layerwise.schedules;

/**
 * The learning rate as a function of the number of updates already made. Computed in Java and fed to the backend
 * before every step, so every schedule works on every backend.
 *
 * <p>Step indexing: update t (1-based: the first update is t = 1) uses {@code at(t − 1)}, so {@code at(0)} is the
 * rate of the very first update. Definitions follow Keras's schedules unless a record says otherwise.
 *
 * <pre>{@code
 * Optimizer.sgd(LearningRateSchedule.inverseTimeDecay(0.1, 0.01))     // η_s = 0.1 / (1 + 0.01·s)
 * Optimizer.adam(LearningRateSchedule.cosineDecay(0, 10_000).withWarmup(500, 3e-3))   // 0 up to 3e-3, then down
 * Optimizer.sgd(LearningRateSchedule.cosineDecayRestarts(0.1, 1000)).withMomentum(0.9)  // SGDR
 * }</pre>
 */
public sealed interface LearningRateSchedule
    permits ConstantLearningRate, InverseTimeDecay, ExponentialDecay, PiecewiseConstantDecay, PolynomialDecay,
        CosineDecay, CosineDecayRestarts, CyclicalLearningRate {

  /** The learning rate after {@code step} updates (step ≥ 0). */
  double at(long step);

  /** The rate of the first update, {@code at(0)}. */
  default double initial() {
    return at(0);
  }

  static ConstantLearningRate constant(double learningRate) {
    return new ConstantLearningRate(learningRate);
  }

  /** The notes' decay, {@code η_s = η₀ / (1 + decay·s)}: inverse-time decay with one-step periods. */
  static InverseTimeDecay inverseTimeDecay(double initialLearningRate, double decay) {
    return new InverseTimeDecay(initialLearningRate, 1, decay, false);
  }

  /** {@code η_s = η₀ · rate^(s / decaySteps)}. */
  static ExponentialDecay exponentialDecay(double initialLearningRate, long decaySteps, double decayRate) {
    return new ExponentialDecay(initialLearningRate, decaySteps, decayRate, false);
  }

  /** Step decay: {@code values[i]} after {@code boundaries[i−1]} steps. */
  static PiecewiseConstantDecay piecewiseConstant(long[] boundaries, double[] values) {
    return new PiecewiseConstantDecay(boundaries, values);
  }

  /** {@code (η₀ − η_end)(1 − min(s, D)/D)^power + η_end}. */
  static PolynomialDecay polynomialDecay(double initialLearningRate, long decaySteps, double endLearningRate,
      double power) {
    return new PolynomialDecay(initialLearningRate, decaySteps, endLearningRate, power, false);
  }

  /** Cosine from η₀ (≥ 0: 0 with a warm-up, as Keras's idiom) down to 0 over {@code decaySteps}. */
  static CosineDecay cosineDecay(double initialLearningRate, long decaySteps) {
    return new CosineDecay(initialLearningRate, decaySteps, 0, 0, Double.NaN);
  }

  /**
   * SGDR: cosine decay from η₀ over {@code firstDecaySteps}, then restarts, each period twice as long as the one
   * before and starting again at η₀ (Keras's defaults; {@code withTMul}, {@code withMMul}, {@code withAlpha}).
   */
  static CosineDecayRestarts cosineDecayRestarts(double initialLearningRate, long firstDecaySteps) {
    return new CosineDecayRestarts(initialLearningRate, firstDecaySteps, 2, 1, 0);
  }

  /** Smith's triangular cyclical rate between {@code base} and {@code max}, half a cycle every stepSize steps. */
  static CyclicalLearningRate cyclical(double base, double max, long stepSize) {
    return new CyclicalLearningRate(base, max, stepSize, CyclicalLearningRate.Mode.TRIANGULAR, 1);
  }

  /** Shared check: a learning rate must be positive and finite. */
  static double checkRate(String schedule, String field, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(schedule + ": " + field + " must be positive and finite, got " + value);
    }
    return value;
  }

  /** Shared check: a number of steps must be positive. */
  static long checkSteps(String schedule, String field, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(schedule + ": " + field + " must be a positive number of steps, got "
          + value);
    }
    return value;
  }
}
