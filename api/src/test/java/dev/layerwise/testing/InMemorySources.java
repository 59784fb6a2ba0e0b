package dev.layerwise.testing;

import dev.layerwise.data.Dataset;
import dev.layerwise.data.IndexedSource;
import dev.layerwise.data.ShardedSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Data sources over a dataset in memory (one float32 feature array, one target array), for tests that compare a fit
 * on a source with a fit on the dataset itself. Each read copies, as a source reading files would.
 */
public final class InMemorySources {
  private InMemorySources() {}

  /** Random access to the dataset's samples; {@code reads} counts the calls to {@code read}. */
  public static IndexedSource indexed(Dataset data, AtomicInteger reads) {
    return indexed("test source of " + data.size() + " samples", data.size(), samples -> {
      reads.incrementAndGet();
      return rows(data, samples);
    });
  }

  /** A source of {@code size} samples named {@code description}, read by {@code read}. */
  public static IndexedSource indexed(String description, int size, Function<int[], Dataset> read) {
    return new IndexedSource() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public String description() {
        return description;
      }

      @Override
      public Dataset read(int[] samples) {
        return read.apply(samples);
      }
    };
  }

  public static IndexedSource indexed(Dataset data) {
    return indexed(data, new AtomicInteger());
  }

  /** The dataset cut into shards of {@code shardSize} samples (the last may be smaller). */
  public static ShardedSource sharded(Dataset data, int shardSize, int buffer) {
    List<Dataset> shards = new ArrayList<>();
    for (int from = 0; from < data.size(); from += shardSize) {
      shards.add(data.slice(from, Math.min(data.size(), from + shardSize)));
    }
    return new ShardedSource() {
      @Override
      public int shardCount() {
        return shards.size();
      }

      @Override
      public int shardSize(int shard) {
        return shards.get(shard).size();
      }

      @Override
      public Dataset readShard(int shard) {
        return shards.get(shard);
      }

      @Override
      public int shuffleBuffer() {
        return buffer;
      }

      @Override
      public String description() {
        return "test shards of " + data.size() + " samples";
      }
    };
  }

  /** The given samples of a dataset of one feature array, in that order, copied. */
  public static Dataset rows(Dataset data, int[] samples) {
    int xPer = data.featureShape().size();
    float[] x = new float[samples.length * xPer];
    float[] y = data.hasLabels() ? new float[samples.length * data.labelShape().size()] : null;
    data.gather(samples, 0, samples.length, x, y);
    return y == null ? Dataset.featuresOnly(x, data.featureShape())
        : Dataset.of(x, data.featureShape(), y, data.labelShape());
  }
}
