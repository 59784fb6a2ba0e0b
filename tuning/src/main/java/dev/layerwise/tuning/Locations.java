package dev.layerwise.tuning;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a study keeps its files, as the journal records them: a plain path of this machine
 * ({@code target/studies/mlp}, {@code C:\studies}), a {@code file:} URI, or a remote URI ({@code hdfs://nn/...},
 * {@code s3a://bucket/...}) that the Spark module writes. Told apart here once, for the results and for the stores.
 */
public final class Locations {
  private Locations() {}

  /** The URI scheme of {@code location}; empty for a plain path (a Windows drive letter is not a scheme). */
  static Optional<String> scheme(String location) {
    if (location.matches("[A-Za-z]:[\\\\/].*")) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(new URI(location.replace(" ", "%20")).getScheme());
    } catch (URISyntaxException e) {
      return Optional.empty(); // characters a URI cannot hold (a backslash): a path of this machine
    }
  }

  /** Whether {@code location} is a plain path, without a scheme. */
  public static boolean isPlainPath(String location) {
    return scheme(location).isEmpty();
  }

  /** Whether {@code location} is on this machine's file system: a plain path or a {@code file:} URI. */
  public static boolean isLocal(String location) {
    return scheme(location).map(s -> s.equals("file")).orElse(true);
  }

  /**
   * {@code location} as a path of this machine.
   *
   * @throws IllegalStateException when it is on a remote file system (copy it here first)
   */
  public static Path localPath(String location) {
    Optional<String> scheme = scheme(location);
    if (scheme.isEmpty()) {
      return Path.of(location);
    }
    if (scheme.get().equals("file")) {
      return Path.of(URI.create(location.replace(" ", "%20")));
    }
    throw new IllegalStateException("the archive is at " + location + ", not on this machine's file system: copy it"
        + " here (hadoop fs -get) and load the copy");
  }
}
