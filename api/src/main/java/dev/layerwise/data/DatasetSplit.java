package dev.layerwise.data;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A dataset split in two by {@link Dataset#split} or {@link Dataset#stratifiedSplit}.
 *
 * @param train the training part
 * @param test the held-out part (a test or validation set)
 * @param trainIndices the original index of each training sample, ascending (to find, say, an image's file)
 * @param testIndices the original index of each held-out sample, ascending
 */
public record DatasetSplit(Dataset train, Dataset test, List<Integer> trainIndices, List<Integer> testIndices) {
  public DatasetSplit {
    requireNonNull(train, "DatasetSplit: train");
    requireNonNull(test, "DatasetSplit: test");
    trainIndices = List.copyOf(trainIndices);
    testIndices = List.copyOf(testIndices);
  }
}
