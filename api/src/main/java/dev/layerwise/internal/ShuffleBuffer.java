package dev.layerwise.internal;

import dev.layerwise.data.Dataset;
import dev.layerwise.init.SeededRandom;
import java.util.function.IntFunction;

/**
 * The samples of a sequence of shards, approximately shuffled by a buffer of {@code capacity} samples, as tf.data's
 * {@code shuffle(buffer_size)}: the buffer first fills with the first {@code capacity} samples; then each next
 * sample is the one at a uniformly drawn position of the buffer, and the next sample read takes its place; once every
 * shard is read, the buffer empties the same way (the last slot moving into the emptied one). Every sample comes out
 * exactly once; a capacity of 1 keeps the order.
 *
 * <p>Samples are held as (shard, row) references, so the shards they come from stay in memory while any of their
 * samples is in the buffer. Used from one thread.
 */
final class ShuffleBuffer {
  private final int[] shardOrder;
  private final IntFunction<Dataset> readShard;
  private final SeededRandom random;
  private final Dataset[] shards;
  private final int[] rows;
  private int held;
  /** The next shard to read (a position in {@code shardOrder}), the shard being read and its next row. */
  private int nextShard;
  private Dataset current;
  private int currentRow;

  /**
   * @param shardOrder the shards in the order to read them
   * @param readShard shard s, read and checked
   */
  ShuffleBuffer(int[] shardOrder, IntFunction<Dataset> readShard, int capacity, long seed) {
    this.shardOrder = shardOrder;
    this.readShard = readShard;
    this.random = new SeededRandom(seed);
    this.shards = new Dataset[capacity];
    this.rows = new int[capacity];
    while (held < capacity && advance()) {
      shards[held] = current;
      rows[held++] = currentRow++;
    }
  }

  /** Moves to the next unread sample, reading the next shard when one is used up; false at the end. */
  private boolean advance() {
    while (current == null || currentRow == current.size()) {
      if (nextShard == shardOrder.length) {
        current = null;
        return false;
      }
      current = readShard.apply(shardOrder[nextShard++]);
      currentRow = 0;
    }
    return true;
  }

  /** Puts the next sample's shard and row at position {@code at} of the arrays; there must be one. */
  void next(Dataset[] shardOut, int[] rowOut, int at) {
    if (held == 0) {
      throw new IllegalStateException("the shuffle buffer is empty: the shards hold fewer samples than promised");
    }
    int j = random.nextInt(held);
    shardOut[at] = shards[j];
    rowOut[at] = rows[j];
    if (advance()) {
      shards[j] = current;
      rows[j] = currentRow++;
    } else {
      held--;
      shards[j] = shards[held];
      rows[j] = rows[held];
      shards[held] = null;
    }
  }
}
