package dev.layerwise.schedules;

/**
 * Polynomial decay from η₀ to η_end over D steps: {@code (η₀ − η_end)(1 − s'/D)^power + η_end}, with
 * {@code s' = min(s, D)}, or, with {@code cycle}, D stretched to the next multiple of D above s (Keras's
 * {@code PolynomialDecay}). power 1 is a linear ramp down.
 */
public record PolynomialDecay(double initialLearningRate, long decaySteps, double endLearningRate, double power,
    boolean cycle) implements LearningRateSchedule {
  public PolynomialDecay {
    LearningRateSchedule.checkRate("PolynomialDecay", "initialLearningRate", initialLearningRate);
    LearningRateSchedule.checkSteps("PolynomialDecay", "decaySteps", decaySteps);
    if (!(endLearningRate >= 0) || endLearningRate > initialLearningRate) {
      throw new IllegalArgumentException("PolynomialDecay: endLearningRate must be in [0, initialLearningRate = "
          + initialLearningRate + "], got " + endLearningRate);
    }
    LearningRateSchedule.checkRate("PolynomialDecay", "power", power);
  }

  public PolynomialDecay withCycle(boolean cycle) {
    return new PolynomialDecay(initialLearningRate, decaySteps, endLearningRate, power, cycle);
  }

  @Override
  public double at(long step) {
    double d = decaySteps;
    double s = step;
    if (cycle) {
      d = decaySteps * Math.max(1, Math.ceil(s / decaySteps));
    } else {
      s = Math.min(s, d);
    }
    return (initialLearningRate - endLearningRate) * Math.pow(1 - s / d, power) + endLearningRate;
  }
}
