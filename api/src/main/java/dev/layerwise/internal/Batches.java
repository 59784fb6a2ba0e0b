package dev.layerwise.internal;

import dev.layerwise.data.Dataset;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.spi.Batch;

/**
 * A dataset cut into batches, in a given order, filled into one pair of reused buffers. A batch is valid until
 * the next one is taken (backends copy what they keep).
 */
public final class Batches {
  private final Dataset data;
  private final int batchSize;
  private final int[] order;
  private final float[] x;
  private final float[] y;

  private Batches(Dataset data, int batchSize, int[] order) {
    this.data = data;
    this.batchSize = Math.min(batchSize, data.size());
    this.order = order;
    this.x = new float[this.batchSize * data.featureShape().size()];
    this.y = data.hasLabels() ? new float[this.batchSize * data.labelShape().size()] : null;
  }

  /** In dataset order. */
  public static Batches sequential(Dataset data, int batchSize) {
    return new Batches(data, batchSize, null);
  }

  /** In a random order drawn from the seed (Fisher–Yates). */
  public static Batches shuffled(Dataset data, int batchSize, long seed) {
    int[] order = new int[data.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    SeededRandom random = new SeededRandom(seed);
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return new Batches(data, batchSize, order);
  }

  public int count() {
    return (data.size() + batchSize - 1) / batchSize;
  }

  /** Batch k (0-based); the last one may be smaller. */
  public Batch get(int k) {
    int from = k * batchSize;
    int n = Math.min(batchSize, data.size() - from);
    if (order == null) {
      data.copyRange(from, n, x, y);
    } else {
      data.gather(order, from, n, x, y);
    }
    return new Batch(x, y, n);
  }
}
