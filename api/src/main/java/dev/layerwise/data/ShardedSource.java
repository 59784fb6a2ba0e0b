package dev.layerwise.data;

/**
 * A {@link DataSource} read one whole shard at a time: a list of files each small enough for memory, together too
 * big for it. {@code fit} shuffles it approximately, as tf.data's {@code shuffle(buffer_size)} does:
 * <ol>
 *   <li>every epoch, the shards in a seeded random order (a new one each epoch);
 *   <li>their samples, in that order, flow through a buffer of {@link #shuffleBuffer()} samples; each next sample
 *       of the epoch is drawn from the buffer at a seeded random position, and the next sample read takes its place.
 * </ol>
 * Each sample is seen exactly once per epoch, and the same seed gives the same order. How well it mixes depends on
 * the buffer: a buffer as large as the whole source is a uniform shuffle; a buffer of one only shuffles the shards;
 * in between, a sample leaves at most about {@code shuffleBuffer} positions before where it arrived, so make shards
 * small next to the buffer (and the buffer hold a few shards) when their contents are sorted (say, by class). The
 * buffer keeps the shards its samples come from in memory: about {@code shuffleBuffer} samples plus one shard.
 *
 * <p>{@code evaluate}, {@code predict}, validation and {@code fit} without shuffling read the shards in order.
 */
public non-sealed interface ShardedSource extends DataSource {
  /** How many shards there are (at least one). */
  int shardCount();

  /** How many samples shard {@code shard} holds, known without reading it (its header, say). */
  int shardSize(int shard);

  /** Shard {@code shard} ({@code 0 … shardCount()−1}) whole, with the source's sample layout ({@link DataSource}). */
  Dataset readShard(int shard);

  /** Shard {@code shard} for messages: {@code shard 3 (x-003.npy)}; by default {@code shard 3}. */
  default String describeShard(int shard) {
    return "shard " + shard;
  }

  /** How many samples the shuffle buffer holds (at least one); see above. */
  int shuffleBuffer();

  /** The sum of the shard sizes. */
  @Override
  default int size() {
    long n = 0;
    for (int s = 0; s < shardCount(); s++) {
      n += shardSize(s);
    }
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(String.format("%s: %s samples, more than %s", description(), n,
          Integer.MAX_VALUE));
    }
    return (int) n;
  }
}
