package dev.layerwise.internal;

import dev.layerwise.spi.Batch;

/**
 * The batches of one pass over some data (an epoch, an evaluation, a prediction), taken in order, each once. A feed
 * over data in memory fills batches on demand; one over a {@link dev.layerwise.data.DataSource} reads them ahead in
 * a background thread, which {@link #close} ends: close a feed when the pass ends, however it ends.
 */
interface BatchFeed extends AutoCloseable {
  /** How many batches the pass has. */
  int count();

  /** The next batch; valid until the next call. */
  Batch next();

  /** Ends the pass early or late; never throws. */
  @Override
  void close();

  /** The batches of data in memory, one filled per call. */
  static BatchFeed of(Batches batches) {
    return new BatchFeed() {
      private int k;

      @Override
      public int count() {
        return batches.count();
      }

      @Override
      public Batch next() {
        return batches.get(k++);
      }

      @Override
      public void close() {}
    };
  }
}
