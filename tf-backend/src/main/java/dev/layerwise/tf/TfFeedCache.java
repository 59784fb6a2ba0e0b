package dev.layerwise.tf;

import dev.layerwise.Shape;
import dev.layerwise.tf.lower.TfScope;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Feed tensors by batch size: a training run needs two (the batch size and the last, smaller batch); prediction
 * on odd sizes may need more, so the least recently used beyond a few is closed.
 */
final class TfFeedCache implements AutoCloseable {
  private static final int MAX_SIZES = 4;

  private final boolean isDouble;
  private final Shape sample;
  private final Map<Integer, TfFeed> feeds = new LinkedHashMap<>(8, 0.75f, true);

  TfFeedCache(boolean isDouble, Shape sample) {
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

  TfFeed get(int batchSize) {
    TfFeed f = feeds.get(batchSize);
    if (f == null) {
      if (feeds.size() >= MAX_SIZES) {
        var eldest = feeds.entrySet().iterator().next();
        eldest.getValue().close();
        feeds.remove(eldest.getKey());
      }
      long[] dims = TfScope.batchDims(sample);
      dims[0] = batchSize;
      f = TfFeed.allocate(isDouble, dims);
      feeds.put(batchSize, f);
    }
    return f;
  }

  @Override
  public void close() {
    feeds.values().forEach(TfFeed::close);
    feeds.clear();
  }
}
