package dev.layerwise.data;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;
import dev.layerwise.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples stored as many {@code .npy} files, a {@link ShardedSource}: shard k is features file k with labels file k
 * (read as {@link NumpyDataset#fromNpy(Path, Path)} reads them), or features only. Only the files' headers are read
 * up front, for the number of samples in each; a shard is read whole when its turn comes.
 *
 * <pre>{@code
 * ShardedSource train = NpyShards.of(featureFiles, labelFiles).withShuffleBuffer(4096);
 * }</pre>
 *
 * <p>{@code fit} shuffles it approximately (see {@link ShardedSource}): a new seeded order of the files every epoch,
 * then a shuffle buffer, of {@value #DEFAULT_BUFFER} samples unless {@link #withShuffleBuffer} says otherwise.
 * Files whose samples differ in shape from what the model takes are refused when read, naming the file. Immutable;
 * reads may run from several threads at once.
 */
public final class NpyShards implements ShardedSource {
  /** The shuffle buffer's size unless set: a few shards of a thousand samples. */
  public static final int DEFAULT_BUFFER = 4096;

  private final List<Path> features;
  private final List<Path> labels;
  private final int[] sizes;
  private final int buffer;

  private NpyShards(List<Path> features, List<Path> labels, int[] sizes, int buffer) {
    this.features = features;
    this.labels = labels;
    this.sizes = sizes;
    this.buffer = buffer;
  }

  /**
   * Features file k with labels file k, for every k.
   *
   * @throws IllegalArgumentException for no files, lists of different lengths, a missing or unreadable file, or a
   *     labels file whose number of samples differs from its features file's, naming the files
   */
  public static NpyShards of(List<Path> features, List<Path> labels) {
    requireNonNull(labels, "NpyShards.of: labels");
    checkArgument(labels.size() == requireNonNull(features, "NpyShards.of: features").size(), "NpyShards: %s"
        + " feature files but %s label files; give one labels file per features file", features.size(),
        labels.size());
    return new NpyShards(List.copyOf(features), List.copyOf(labels), sizes(features, labels), DEFAULT_BUFFER);
  }

  /** Features only (for {@code predict}), one file per shard. */
  public static NpyShards featuresOnly(List<Path> features) {
    requireNonNull(features, "NpyShards.featuresOnly: features");
    return new NpyShards(List.copyOf(features), null, sizes(features, null), DEFAULT_BUFFER);
  }

  /** The same files with a shuffle buffer of {@code samples} samples (at least 1; see {@link ShardedSource}). */
  public NpyShards withShuffleBuffer(int samples) {
    checkArgument(samples > 0, "NpyShards.withShuffleBuffer: the buffer must hold at least one sample, got %s",
        samples);
    return new NpyShards(features, labels, sizes, samples);
  }

  private static int[] sizes(List<Path> features, List<Path> labels) {
    checkArgument(!features.isEmpty(), "NpyShards: no files; at least one shard is needed");
    int[] sizes = new int[features.size()];
    for (int k = 0; k < sizes.length; k++) {
      sizes[k] = samples(features.get(k));
      if (labels != null) {
        int n = samples(labels.get(k));
        checkArgument(n == sizes[k], "NpyShards: %s holds %s samples but its labels file %s holds %s",
            features.get(k), sizes[k], labels.get(k), n);
      }
    }
    return sizes;
  }

  private static int samples(Path file) {
    checkArgument(Files.isRegularFile(requireNonNull(file, "NpyShards: file")), ".npy file not found: %s", file);
    Shape shape = Npy.shape(file);
    checkArgument(shape.rank() >= 1, "%s is a 0-d array (a single number); a shard needs a first dimension that"
        + " counts the samples", file);
    return shape.dims()[0];
  }

  @Override
  public int shardCount() {
    return sizes.length;
  }

  @Override
  public int shardSize(int shard) {
    return sizes[shard];
  }

  @Override
  public Dataset readShard(int shard) {
    Path x = features.get(shard);
    return labels == null ? NumpyDataset.fromNpy(x) : NumpyDataset.fromNpy(x, labels.get(shard));
  }

  @Override
  public int shuffleBuffer() {
    return buffer;
  }

  @Override
  public String describeShard(int shard) {
    return "shard " + shard + " (" + features.get(shard) + ")";
  }

  @Override
  public String description() {
    String files = features.size() == 1 ? features.get(0).toString()
        : features.get(0) + " … " + features.get(features.size() - 1);
    return features.size() + " .npy shard" + (features.size() == 1 ? " " : "s ") + files;
  }

  /** The features file of each shard. */
  public List<Path> featureFiles() {
    return features;
  }

  /** Every shard's features file with its labels file, in shard order, for messages and listings. */
  @Override
  public String toString() {
    List<String> shards = new ArrayList<>();
    for (int k = 0; k < features.size(); k++) {
      shards.add(labels == null ? features.get(k).toString() : features.get(k) + " + " + labels.get(k));
    }
    return "NpyShards" + shards;
  }
}
