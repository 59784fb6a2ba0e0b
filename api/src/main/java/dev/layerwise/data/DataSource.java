package dev.layerwise.data;

/**
 * Samples read from somewhere else than memory, a batch at a time, for data larger than memory: {@code fit},
 * {@code evaluate} and {@code predict} take a source as they take a {@link Dataset}, and never hold more of it than a
 * few batches (plus, for a {@link ShardedSource}, its shuffle buffer and the shards behind it).
 *
 * <p>Every read returns an in-memory {@link Dataset} of some samples. Its arrays — their names, per-sample shapes and
 * whether they hold float32 or float64 values — are the source's sample layout: the same for every read, and checked
 * against the model as a dataset's are (names, shapes, finite features, labels the loss accepts) before the batch
 * reaches the backend. A read that differs from the first one, or fails, stops the call with an exception naming the
 * source and the samples or shard.
 *
 * <p>Two kinds, which shuffle differently in {@code fit}:
 * <ul>
 *   <li>{@link IndexedSource}: random access by sample index (files decoded on demand, such as
 *       {@link ImageFolderDataset#source()}). Shuffled exactly: every epoch draws the same permutation of
 *       {@code 0 … size−1} that a {@link Dataset} of the same samples would get, so a fit on the source takes the
 *       same steps as a fit on the data in memory, and a resumed fit ({@code initialEpoch}) continues exactly.
 *   <li>{@link ShardedSource}: shards read whole, in sequence (many {@code .npy} files, {@link NpyShards}). Shuffled
 *       approximately, as tf.data's {@code shuffle(buffer)}: a seeded order of the shards every epoch, then a seeded
 *       shuffle buffer of {@link ShardedSource#shuffleBuffer()} samples. Every sample is still seen exactly once per
 *       epoch.
 * </ul>
 *
 * <p>Each call reads the source from one background thread (a daemon thread reading up to two batches ahead of
 * training, ended when the call ends, however it ends), so a source used by one call at a time need not be
 * thread-safe; one shared by calls running at once (two {@code evaluate} calls on different threads) is read by
 * each of their threads and must be. It must not change its samples while a call reads it. Each epoch reads the
 * source again.
 */
public sealed interface DataSource permits IndexedSource, ShardedSource {
  /**
   * The number of samples, known before reading (steps per epoch, progress and learning-rate schedules count
   * them); at least one.
   */
  int size();

  /** What the source reads, for messages: a folder, a list of files. */
  String description();
}
