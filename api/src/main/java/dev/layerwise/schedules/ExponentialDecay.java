package dev.layerwise.schedules;

/**
 * Exponential decay: {@code η_s = η₀ · rate^(s/D)}; with {@code staircase}, {@code s/D} is floored so the rate
 * drops by the factor once every D steps.
 */
public record ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate, boolean staircase)
    implements LearningRateSchedule {
  public ExponentialDecay {
    LearningRateSchedule.checkRate("ExponentialDecay", "initialLearningRate", initialLearningRate);
    LearningRateSchedule.checkSteps("ExponentialDecay", "decaySteps", decaySteps);
    LearningRateSchedule.checkRate("ExponentialDecay", "decayRate", decayRate);
  }

  public ExponentialDecay withStaircase(boolean staircase) {
    return new ExponentialDecay(initialLearningRate, decaySteps, decayRate, staircase);
  }

  @Override
  public double at(long step) {
    double p = (double) step / decaySteps;
    return initialLearningRate * Math.pow(decayRate, staircase ? Math.floor(p) : p);
  }
}
