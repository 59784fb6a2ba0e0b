package dev.layerwise.internal;

import dev.layerwise.data.Dataset;
import dev.layerwise.data.IndexedSource;
import java.util.Arrays;

/**
 * An {@link IndexedSource} read a batch at a time: batch k asks the source for the samples at positions
 * {@code [k·batchSize, (k+1)·batchSize)} of the epoch's order — the permutation {@link Batches#shuffled} draws for a
 * dataset of the same size, or {@code 0 … n−1} — so its batches hold exactly the samples, in exactly the order, that
 * the same data in memory would give.
 */
final class IndexedData implements TrainingData {
  private final IndexedSource source;
  private final ChunkCheck check;
  private final boolean doubles;
  private final int size;

  IndexedData(IndexedSource source, ChunkCheck check, boolean doubles) {
    this.source = source;
    this.check = check;
    this.doubles = doubles;
    this.size = SourceSizes.checked(source, check.what());
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public BatchFeed epoch(int batchSize, boolean shuffle, long seed) {
    int[] order = shuffle ? Batches.permutation(size, seed) : null;
    int per = Math.min(batchSize, size);
    return new ReadAhead(source.description(), Batches.count(size, batchSize), k -> {
      int from = k * per;
      int n = Math.min(per, size - from);
      int[] samples = new int[n];
      for (int r = 0; r < n; r++) {
        samples[r] = order == null ? from + r : order[from + r];
      }
      Dataset chunk = read(samples, ChunkCheck.samples(order, from, n));
      return Batches.sequential(chunk, n, doubles).get(0);
    });
  }

  @Override
  public void probe() {
    read(new int[] {0}, "sample 0");
  }

  private Dataset read(int[] samples, String part) {
    return check.read(source, part, samples.length, () -> source.read(Arrays.copyOf(samples, samples.length)));
  }
}
