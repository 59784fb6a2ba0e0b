package dev.layerwise.internal;

import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.ShardedSource;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.spi.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A {@link ShardedSource} read shard by shard. A shuffled epoch reads the shards in a permutation drawn from the
 * epoch's seed ({@link Batches#permutation} of the shard indices, from the seed derived with label {@code shards})
 * and passes their samples through a {@link ShuffleBuffer} of the source's size (drawing from the seed derived with
 * {@code buffer}); an epoch in order reads the shards in order, samples in order. A batch gathers its samples from
 * whichever shards they come from.
 */
final class ShardedData implements TrainingData {
  private final ShardedSource source;
  private final ChunkCheck check;
  private final boolean doubles;
  private final int size;
  private final int[] shardSizes;

  ShardedData(ShardedSource source, ChunkCheck check, boolean doubles) {
    this.source = source;
    this.check = check;
    this.doubles = doubles;
    this.size = SourceSizes.checked(source, check.what());
    this.shardSizes = new int[source.shardCount()];
    for (int s = 0; s < shardSizes.length; s++) {
      shardSizes[s] = source.shardSize(s);
    }
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public BatchFeed epoch(int batchSize, boolean shuffle, long seed) {
    int[] shards = shuffle ? Batches.permutation(shardSizes.length, SeededRandom.derive(seed, "shards"))
        : IntStream.range(0, shardSizes.length).toArray();
    int capacity = shuffle ? Math.max(1, source.shuffleBuffer()) : 1;
    int per = Math.min(batchSize, size);
    // created on the reader thread, at its first batch: the buffer's first fill reads shards
    ShuffleBuffer[] buffer = new ShuffleBuffer[1];
    return new ReadAhead(source.description(), Batches.count(size, batchSize), k -> {
      if (buffer[0] == null) {
        buffer[0] = new ShuffleBuffer(shards, this::read, capacity, SeededRandom.derive(seed, "buffer"));
      }
      int n = Math.min(per, size - k * per);
      Dataset[] from = new Dataset[n];
      int[] rows = new int[n];
      for (int r = 0; r < n; r++) {
        buffer[0].next(from, rows, r);
      }
      return gathered(from, rows, n);
    });
  }

  @Override
  public void probe() {
    read(0);
  }

  private Dataset read(int shard) {
    return check.read(source, source.describeShard(shard), shardSizes[shard], () -> source.readShard(shard));
  }

  /** One batch of the given rows of the given (checked, arranged) shards. */
  private Batch gathered(Dataset[] from, int[] rows, int n) {
    Dataset first = from[0];
    boolean labelled = first.hasLabels();
    List<float[]> xs = buffers(first.featureShapes(), n);
    List<float[]> ys = labelled ? buffers(first.targetShapes(), n) : null;
    List<double[]> xs64 = doubles ? doubleBuffers(first.featureShapes(), n) : null;
    List<double[]> ys64 = doubles && labelled ? doubleBuffers(first.targetShapes(), n) : null;
    boolean weighted = false;
    for (Dataset d : from) {
      weighted |= d.hasSampleWeights();
    }
    double[] weights = weighted ? new double[n] : null;
    List<float[]> xRow = buffers(first.featureShapes(), 1);
    List<float[]> yRow = labelled ? buffers(first.targetShapes(), 1) : null;
    List<double[]> xRow64 = doubles ? doubleBuffers(first.featureShapes(), 1) : null;
    List<double[]> yRow64 = doubles && labelled ? doubleBuffers(first.targetShapes(), 1) : null;
    int[] one = new int[1];
    for (int r = 0; r < n; r++) {
      one[0] = rows[r];
      from[r].gather(one, 0, 1, xRow, yRow);
      place(xRow, xs, r);
      if (labelled) {
        place(yRow, ys, r);
      }
      if (doubles) {
        from[r].gatherDoubles(one, 0, 1, xRow64, yRow64);
        placeDoubles(xRow64, xs64, r);
        if (labelled) {
          placeDoubles(yRow64, ys64, r);
        }
      }
      if (weighted) {
        weights[r] = from[r].sampleWeight(rows[r]);
      }
    }
    return new Batch(xs, ys, n, Map.of(), xs64, ys64, weights);
  }

  private static void place(List<float[]> row, List<float[]> batch, int r) {
    for (int k = 0; k < row.size(); k++) {
      int per = row.get(k).length;
      System.arraycopy(row.get(k), 0, batch.get(k), r * per, per);
    }
  }

  private static void placeDoubles(List<double[]> row, List<double[]> batch, int r) {
    for (int k = 0; k < row.size(); k++) {
      int per = row.get(k).length;
      System.arraycopy(row.get(k), 0, batch.get(k), r * per, per);
    }
  }

  private static List<float[]> buffers(List<Shape> shapes, int n) {
    List<float[]> out = new ArrayList<>();
    shapes.forEach(s -> out.add(new float[n * s.size()]));
    return out;
  }

  private static List<double[]> doubleBuffers(List<Shape> shapes, int n) {
    List<double[]> out = new ArrayList<>();
    shapes.forEach(s -> out.add(new double[n * s.size()]));
    return out;
  }
}
