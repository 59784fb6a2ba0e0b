package dev.layerwise.tuning;

import static java.util.Objects.requireNonNull;

import dev.layerwise.Backend;

/**
 * What the model-building function gets for one trial.
 *
 * @param number the trial's number in the study
 * @param params its hyperparameters
 * @param seed the seed to build the model with ({@code Model.withSeed}): weights, dropout and shuffling follow it
 * @param backend the backend to compile on: the study's, so that every trial runs in its own graph and session
 */
public record TrialContext(int number, Hyperparameters params, long seed, Backend backend) {
  public TrialContext {
    requireNonNull(params, "params");
    requireNonNull(backend, "backend");
  }
}
