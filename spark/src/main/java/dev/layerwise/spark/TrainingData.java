package dev.layerwise.spark;

import static java.util.Objects.requireNonNull;

import dev.layerwise.data.Dataset;

/**
 * A study's data on an executor: the set trials train on and the one their objective is read on.
 *
 * @param train the training set
 * @param validation the validation set (keep the test set out of a search)
 */
public record TrainingData(Dataset train, Dataset validation) {
  public TrainingData {
    requireNonNull(train, "TrainingData: train");
    requireNonNull(validation, "TrainingData: validation");
  }
}
