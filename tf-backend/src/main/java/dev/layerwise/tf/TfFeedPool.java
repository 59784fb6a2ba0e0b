package dev.layerwise.tf;

import static com.google.common.base.Preconditions.checkState;

import dev.layerwise.Shape;
import dev.layerwise.tf.lower.TfScope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feed tensors of one placeholder by batch size, lent to one run at a time. A run borrows the feeds it writes
 * ({@link Loans}) and returns them after its results are read, so two concurrent runs never write the same tensor
 * and a tensor is closed only while no run holds it. A tensor shared between runs, or closed while another thread
 * fed it, is exactly what crashed the JVM under concurrent predicts (glibc heap corruption, TF's {@code null buf_}
 * check) or silently mixed their inputs.
 *
 * <p>Returned feeds are kept for reuse, so a training loop (which alternates two sizes: the batch and the last,
 * smaller one) allocates nothing per step. At most {@value #MAX_SIZES} sizes are kept, the least recently used
 * beyond that closed, and at most {@value #MAX_IDLE_PER_SIZE} idle feeds per size (as many as threads ran
 * together), so memory stays bounded whatever the callers do.
 */
final class TfFeedPool implements AutoCloseable {
  static final int MAX_SIZES = 4;
  static final int MAX_IDLE_PER_SIZE = 8;

  private final boolean isDouble;
  private final Shape sample;
  /** Idle feeds by batch size, least recently used size first. */
  private final Map<Integer, ArrayDeque<TfFeed>> idle = new LinkedHashMap<>(8, 0.75f, true);
  private boolean closed;

  TfFeedPool(boolean isDouble, Shape sample) {
    this.isDouble = isDouble;
    this.sample = sample;
  }

  /** The per-sample shape the feeds hold. */
  Shape sample() {
    return sample;
  }

  /** Values per sample. */
  int sampleSize() {
    return sample.size();
  }

  /** A feed of {@code batchSize} samples that no one else uses until it is {@linkplain #give given back}. */
  TfFeed take(int batchSize) {
    synchronized (this) {
      checkState(!closed, "the feed tensors of this model are closed");
      ArrayDeque<TfFeed> free = idle.get(batchSize);
      if (free != null && !free.isEmpty()) {
        return free.pop();
      }
    }
    long[] dims = TfScope.batchDims(sample);
    dims[0] = batchSize;
    return TfFeed.allocate(isDouble, dims); // outside the lock: allocating is the slow part
  }

  /** Takes a feed back for reuse, or closes it when the pool is closed or has enough of that size. */
  void give(TfFeed feed) {
    TfFeed surplus = feed;
    List<TfFeed> evicted = new ArrayList<>();
    synchronized (this) {
      if (!closed) {
        ArrayDeque<TfFeed> free = idle.computeIfAbsent(feed.batchSize(), k -> new ArrayDeque<>());
        if (free.size() < MAX_IDLE_PER_SIZE) {
          free.push(feed);
          surplus = null;
        }
        Iterator<Map.Entry<Integer, ArrayDeque<TfFeed>>> eldest = idle.entrySet().iterator();
        while (idle.size() > MAX_SIZES) {
          evicted.addAll(eldest.next().getValue());
          eldest.remove();
        }
      }
    }
    if (surplus != null) {
      surplus.close();
    }
    evicted.forEach(TfFeed::close);
  }

  /** Idle feeds kept now, over all sizes. */
  synchronized int idleCount() {
    return idle.values().stream().mapToInt(ArrayDeque::size).sum();
  }

  /** Closes the idle feeds; feeds on loan are closed when they come back. */
  @Override
  public void close() {
    List<TfFeed> all = new ArrayList<>();
    synchronized (this) {
      closed = true;
      idle.values().forEach(all::addAll);
      idle.clear();
    }
    all.forEach(TfFeed::close);
  }

  /**
   * The feeds one run borrowed, from any pools, returned together by {@link #close} once the run's results have
   * been read (TF may hand back an output that aliases an input buffer, e.g. an identity of a placeholder).
   */
  static final class Loans implements AutoCloseable {
    private final List<TfFeedPool> pools = new ArrayList<>(4);
    private final List<TfFeed> feeds = new ArrayList<>(4);

    /** Borrows a feed of {@code batchSize} samples from {@code pool} and fills it from {@code values}. */
    TfFeed fill(TfFeedPool pool, int batchSize, float[] values) {
      return borrow(pool, batchSize).write(values);
    }

    /** {@link #fill(TfFeedPool, int, float[])} from float64 values (rounded in a float32 feed). */
    TfFeed fill(TfFeedPool pool, int batchSize, double[] values) {
      return borrow(pool, batchSize).write(values);
    }

    private TfFeed borrow(TfFeedPool pool, int batchSize) {
      TfFeed f = pool.take(batchSize);
      pools.add(pool);
      feeds.add(f);
      return f;
    }

    @Override
    public void close() {
      for (int i = 0; i < feeds.size(); i++) {
        pools.get(i).give(feeds.get(i));
      }
      feeds.clear();
      pools.clear();
    }
  }
}
