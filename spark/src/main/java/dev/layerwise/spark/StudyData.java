package dev.layerwise.spark;

import static java.util.Objects.requireNonNull;

import dev.layerwise.data.Dataset;

/**
 * A study's data on an executor: the set trials train on and the one their objective is read on.
 *
 * @param train the training set
 * @param validation the validation set (keep the test set out of a search)
 */
public record StudyData(Dataset train, Dataset validation) {
  public StudyData {
    requireNonNull(train, "StudyData: train");
    requireNonNull(validation, "StudyData: validation");
  }
}
