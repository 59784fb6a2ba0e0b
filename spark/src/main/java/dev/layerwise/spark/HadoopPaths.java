package dev.layerwise.spark;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Plain paths, {@code file:} URIs and remote URIs, told apart once. */
final class HadoopPaths {
  private HadoopPaths() {}

  /** Whether {@code location} is on this machine's file system: a plain path or a {@code file:} URI. */
  static boolean isLocal(String location) {
    String scheme = URI.create(location.replace(" ", "%20")).getScheme();
    return scheme == null || scheme.equals("file") || location.matches("[A-Za-z]:[\\\\/].*");
  }

  /**
   * Whether {@code location} is a plain path (no scheme): journals and archives there use the local store's
   * hard-link and fsync guarantees; any URI, {@code file:} included, goes through Hadoop's file system API.
   */
  static boolean isPlainPath(String location) {
    return URI.create(location.replace(" ", "%20")).getScheme() == null || location.matches("[A-Za-z]:[\\/].*");
  }

  /** A local location as a {@link java.nio.file.Path}. */
  static java.nio.file.Path local(String location) {
    URI uri = URI.create(location.replace(" ", "%20"));
    return uri.getScheme() != null && uri.getScheme().equals("file") ? java.nio.file.Path.of(uri)
        : java.nio.file.Path.of(location).toAbsolutePath();
  }

  /**
   * The file system of {@code path}: local locations on the raw local file system (no {@code .crc} side files),
   * others as Hadoop resolves their scheme.
   */
  static FileSystem fileSystem(Path path, Configuration conf) throws IOException {
    return path.toUri().getScheme() == null || path.toUri().getScheme().equals("file")
        ? FileSystem.getLocal(conf).getRaw() : path.getFileSystem(conf);
  }

  /** {@code child} under {@code parent}, for a URI or a plain path. */
  static String resolve(String parent, String child) {
    return parent.endsWith("/") ? parent + child : parent + "/" + child;
  }
}
