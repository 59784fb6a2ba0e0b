package dev.layerwise.schedules;

/**
 * Cyclical learning rates (Smith 2017): the rate moves linearly from {@code base} up to {@code max} and back every
 * {@code 2·stepSize} steps. With {@code c = ⌊1 + s/(2·stepSize)⌋} the cycle and
 * {@code x = |s/stepSize − 2c + 1|}:
 * {@code η_s = base + (max − base)·max(0, 1 − x)·scale}, where scale is 1 ({@link Mode#TRIANGULAR}),
 * {@code 1/2^(c−1)} ({@link Mode#TRIANGULAR2}: the amplitude halves every cycle) or {@code γ^s}
 * ({@link Mode#EXP_RANGE}).
 */
public record CyclicalLearningRate(double base, double max, long stepSize, Mode mode, double gamma)
    implements LearningRateSchedule {

  /** How the amplitude changes from cycle to cycle. */
  public enum Mode {
    TRIANGULAR,
    TRIANGULAR2,
    EXP_RANGE
  }

  public CyclicalLearningRate {
    LearningRateSchedule.checkRate("CyclicalLearningRate", "base", base);
    if (!(max >= base) || Double.isInfinite(max)) {
      throw new IllegalArgumentException("CyclicalLearningRate: max must be finite and ≥ base = " + base + ", got "
          + max);
    }
    LearningRateSchedule.checkSteps("CyclicalLearningRate", "stepSize", stepSize);
    if (mode == null) {
      throw new IllegalArgumentException("CyclicalLearningRate: mode must be given");
    }
    if (!(gamma > 0 && gamma <= 1)) {
      throw new IllegalArgumentException("CyclicalLearningRate: gamma must be in (0, 1], got " + gamma);
    }
    if (mode == Mode.EXP_RANGE && gamma == 1) {
      throw new IllegalArgumentException("CyclicalLearningRate: EXP_RANGE needs gamma < 1 (with gamma = 1 it is"
          + " TRIANGULAR); use withExpRange(gamma)");
    }
  }

  public CyclicalLearningRate withMode(Mode mode) {
    return new CyclicalLearningRate(base, max, stepSize, mode, gamma);
  }

  /** EXP_RANGE with the given γ. */
  public CyclicalLearningRate withExpRange(double gamma) {
    return new CyclicalLearningRate(base, max, stepSize, Mode.EXP_RANGE, gamma);
  }

  @Override
  public double at(long step) {
    double cycle = Math.floor(1 + step / (2.0 * stepSize));
    double x = Math.abs((double) step / stepSize - 2 * cycle + 1);
    double scale = switch (mode) {
      case TRIANGULAR -> 1;
      case TRIANGULAR2 -> 1 / Math.pow(2, cycle - 1);
      case EXP_RANGE -> Math.pow(gamma, step);
    };
    return base + (max - base) * Math.max(0, 1 - x) * scale;
  }
}
