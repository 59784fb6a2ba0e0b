package dev.layerwise.internal;

import dev.layerwise.TrainingConfig;
import dev.layerwise.data.DataSource;
import dev.layerwise.data.DataSourceException;
import dev.layerwise.data.Dataset;
import dev.layerwise.spi.ModelSpec;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What every read of a {@link DataSource} goes through before its samples reach a backend: the source's own call,
 * with its failure turned into a {@link DataSourceException} naming the source and what was read, then the checks a
 * dataset gets ({@link DataChecks}), with messages naming the same, and the class weights of {@code fit}.
 *
 * @param what the call ({@code fit}, {@code fit validationData}, {@code evaluate}, {@code predict})
 * @param labelled whether targets are needed (else they are dropped)
 * @param classWeight class → weight for the training data of {@code fit}; empty otherwise
 */
record ChunkCheck(ModelSpec spec, TrainingConfig config, String what, boolean labelled,
    Map<Integer, Double> classWeight) {

  static ChunkCheck labelled(ModelSpec spec, TrainingConfig config, String what) {
    return new ChunkCheck(spec, config, what, true, Map.of());
  }

  static ChunkCheck features(ModelSpec spec, String what) {
    return new ChunkCheck(spec, null, what, false, Map.of());
  }

  ChunkCheck withClassWeight(Map<Integer, Double> weights) {
    return new ChunkCheck(spec, config, what, labelled, weights);
  }

  /**
   * Reads, checks and arranges one chunk.
   *
   * @param source the source read, for messages
   * @param part what is read, for messages ({@code samples [4, 9, 1, …]}, {@code shard 3 (x-003.npy)})
   * @param expected how many samples the read must give
   */
  Dataset read(DataSource source, String part, int expected, Supplier<Dataset> read) {
    String where = what + " on " + source.description() + ", " + part;
    Dataset chunk;
    try {
      chunk = read.get();
    } catch (RuntimeException e) {
      throw new DataSourceException(where + ": reading failed: " + e.getMessage(), e);
    }
    if (chunk == null || chunk.size() != expected) {
      throw new DataSourceException(String.format("%s: the source returned %s samples, expected %s", where,
          chunk == null ? "null instead of" : chunk.size(), expected), null);
    }
    Dataset arranged = labelled ? DataChecks.labelled(spec, config, chunk, where) : DataChecks.features(spec, chunk,
        where);
    if (!classWeight.isEmpty()) {
      try {
        arranged = arranged.withSampleWeights(ClassWeights.sampleWeights(spec, config, arranged, classWeight));
      } catch (IllegalArgumentException e) {
        // its messages start with the call's name and count samples within the chunk: say which chunk
        throw new IllegalArgumentException(where + ": " + e.getMessage().replaceFirst("^fit: ", ""), e);
      }
    }
    return arranged;
  }

  /** Sample indices for a message: the first few, then how many more. */
  static String samples(int[] order, int from, int n) {
    StringBuilder s = new StringBuilder("samples [");
    for (int r = 0; r < Math.min(n, 5); r++) {
      s.append(r == 0 ? "" : ", ").append(order == null ? from + r : order[from + r]);
    }
    return s.append(n > 5 ? ", … " + (n - 5) + " more]" : "]").toString();
  }
}
