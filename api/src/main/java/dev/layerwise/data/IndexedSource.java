package dev.layerwise.data;

/**
 * A {@link DataSource} read by sample index: {@link #read(int[])} returns any samples asked for, in the order asked.
 * {@code fit} shuffles it exactly as it shuffles a {@link Dataset} (the same seeded permutation), so training on a
 * source and on the same samples in memory gives the same weights, bit for bit.
 *
 * <pre>{@code
 * IndexedSource images = ImageFolderDataset.from(folder).withImageSize(64, 64).source();
 * model.fit(images, FitOptions.builder().epochs(10).batchSize(32).build());
 * }</pre>
 *
 * <p>An implementation may wrap anything with random access (a folder of files, a database keyed by row); each read
 * is one batch, so it may be slow, but it runs ahead of training in a background thread.
 */
public non-sealed interface IndexedSource extends DataSource {
  /**
   * Samples {@code samples[0]}, {@code samples[1]}, … (each in {@code [0, size())}), as a dataset of exactly that
   * many samples in that order, with the source's sample layout (see {@link DataSource}). The array is the caller's:
   * read it, do not keep it.
   */
  Dataset read(int[] samples);
}
