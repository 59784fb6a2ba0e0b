package dev.layerwise;

/**
 * Where training stands, beyond the weights and optimizer slots: the updates made so far (the step index Adam's
 * bias corrections and learning-rate schedules read, and the seed of each step's dropout masks) and the epochs
 * run (the seed of each epoch's shuffle). A saved model carries it, so training resumed from a file takes the same
 * steps an uninterrupted run would have.
 */
public record TrainingState(long iterations, int epochs) {
  public TrainingState {
    if (iterations < 0 || epochs < 0) {
      throw new IllegalArgumentException("TrainingState: iterations and epochs must be ≥ 0, got " + iterations
          + " and " + epochs);
    }
  }

  public static final TrainingState START = new TrainingState(0, 0);
}
