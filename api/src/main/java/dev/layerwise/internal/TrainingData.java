package dev.layerwise.internal;

import dev.layerwise.data.DataSource;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.IndexedSource;
import dev.layerwise.data.ShardedSource;

/**
 * Data the loop passes over, checked and arranged in the model's order: a {@link Dataset} in memory or a
 * {@link DataSource} read batch by batch. Each pass is a {@link BatchFeed}, closed when it ends.
 */
interface TrainingData {
  /** How many samples a pass visits. */
  int size();

  /**
   * One epoch's batches: in a random order drawn from {@code seed} when {@code shuffle} (for data in memory and
   * indexed sources the permutation {@link Batches#shuffled} draws; for sharded sources {@link ShardOrder}'s), else in
   * order.
   */
  BatchFeed epoch(int batchSize, boolean shuffle, long seed);

  /** The batches in order (evaluation, prediction). */
  default BatchFeed inOrder(int batchSize) {
    return epoch(batchSize, false, 0);
  }

  /** The data when it is a dataset in memory (what a backend may hold for multi-step calls), else null. */
  default Dataset inMemory() {
    return null;
  }

  /** Reads as little as it takes to check the data against the model (validation data, before training starts). */
  default void probe() {}

  /** A dataset already checked and arranged. */
  static TrainingData of(Dataset arranged, boolean doubles) {
    return new TrainingData() {
      @Override
      public int size() {
        return arranged.size();
      }

      @Override
      public Dataset inMemory() {
        return arranged;
      }

      @Override
      public BatchFeed epoch(int batchSize, boolean shuffle, long seed) {
        return BatchFeed.of(shuffle ? Batches.shuffled(arranged, batchSize, seed, doubles)
            : Batches.sequential(arranged, batchSize, doubles));
      }
    };
  }

  /** A source whose every read is checked by {@code check}. */
  static TrainingData of(DataSource source, ChunkCheck check, boolean doubles) {
    if (source instanceof IndexedSource indexed) {
      return new IndexedData(indexed, check, doubles);
    }
    return new ShardedData((ShardedSource) source, check, doubles);
  }
}
