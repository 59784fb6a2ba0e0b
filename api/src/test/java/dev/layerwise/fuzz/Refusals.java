package dev.layerwise.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the loaders may answer bad input with, and nothing else: an {@link IllegalArgumentException} (the input is
 * malformed, truncated, too large or not what it claims) or an {@link UncheckedIOException} (the file could not be
 * read), each with a message naming the input. Any other exception, an {@link OutOfMemoryError} or a {@link
 * StackOverflowError} escapes a fuzz target and Jazzer reports it as a finding.
 */
final class Refusals {
  private Refusals() {}

  /** Runs a load; a documented refusal that names {@code name} passes, a refusal that does not is a finding. */
  static void onlyDocumented(String name, Runnable load) {
    try {
      load.run();
    } catch (IllegalArgumentException | UncheckedIOException e) {
      String message = String.valueOf(e.getMessage());
      if (!message.contains(name)) {
        throw new AssertionError("a refusal that does not name " + name + ": " + message, e);
      }
    }
  }

  /**
   * A file holding the fuzzer's bytes, in a folder made once per JVM (one fuzz target runs per JVM); {@code name}
   * may hold sub-folders.
   */
  static Path file(String name, byte[] bytes) {
    try {
      Path file = Holder.DIR.resolve(name);
      Files.createDirectories(file.getParent());
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Holder {
    static final Path DIR;

    static {
      try {
        DIR = Files.createTempDirectory("layerwise-fuzz");
        DIR.toFile().deleteOnExit();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
