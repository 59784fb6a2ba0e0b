package dev.layerwise.schedules;

/**
 * Inverse-time decay: {@code η_s = η₀ / (1 + rate · s/D)}, with {@code s/D} floored when {@code staircase}.
 * With D = 1 this is the course notes' {@code η_t = η₀ / (1 + decay·t)}: large steps early, ever smaller ones
 * later, never reaching zero.
 */
public record InverseTimeDecay(double initialLearningRate, long decaySteps, double decayRate, boolean staircase)
    implements LearningRateSchedule {
  public InverseTimeDecay {
    LearningRateSchedule.checkRate("InverseTimeDecay", "initialLearningRate", initialLearningRate);
    LearningRateSchedule.checkSteps("InverseTimeDecay", "decaySteps", decaySteps);
    if (!(decayRate >= 0) || Double.isInfinite(decayRate)) {
      throw new IllegalArgumentException("InverseTimeDecay: decayRate must be non-negative, got " + decayRate);
    }
  }

  public InverseTimeDecay withStaircase(boolean staircase) {
    return new InverseTimeDecay(initialLearningRate, decaySteps, decayRate, staircase);
  }

  @Override
  public double at(long step) {
    double p = (double) step / decaySteps;
    return initialLearningRate / (1 + decayRate * (staircase ? Math.floor(p) : p));
  }
}
