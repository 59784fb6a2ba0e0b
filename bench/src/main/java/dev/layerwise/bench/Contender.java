package dev.layerwise.bench;

/**
 * One way of training a benchmark model, timed epoch by epoch by {@link PerformanceTable}. Built for one batch
 * size; holds its session or engine until closed.
 */
public interface Contender extends AutoCloseable {
  /** The row label of the table; the same for every batch size. */
  String name();

  /** Whether this is a best hand-written raw TF loop: the table's ratios are to the fastest of these. */
  default boolean baseline() {
    return false;
  }

  /**
   * Trains one shuffled epoch over the contender's training set.
   *
   * @param epoch 0 for the warm-up, then 1, 2, …; seeds the shuffle and counts Adam's steps
   * @return the epoch's mean training loss, or NaN if the contender does not report it (printed as a sanity check)
   */
  double epoch(int epoch);

  @Override
  void close();
}
