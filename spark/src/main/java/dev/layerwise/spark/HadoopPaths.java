package dev.layerwise.spark;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** The Hadoop file system of a location (which kind of location it is: {@link dev.layerwise.tuning.Locations}). */
final class HadoopPaths {
  private HadoopPaths() {}

  /**
   * The file system of {@code path}: local locations on the raw local file system (no {@code .crc} side files),
   * others as Hadoop resolves their scheme.
   */
  static FileSystem fileSystem(Path path, Configuration conf) throws IOException {
    return path.toUri().getScheme() == null || path.toUri().getScheme().equals("file")
        ? FileSystem.getLocal(conf).getRaw() : path.getFileSystem(conf);
  }
}
