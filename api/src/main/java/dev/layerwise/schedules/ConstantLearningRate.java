package dev.layerwise.schedules;

/** The same rate for every update. */
public record ConstantLearningRate(double learningRate) implements LearningRateSchedule {
  public ConstantLearningRate {
    LearningRateSchedule.checkRate("ConstantLearningRate", "learningRate", learningRate);
  }

  @Override
  public double at(long step) {
    return learningRate;
  }
}
