package dev.layerwise.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole-file replacement: content, permissions, and nothing changed or left over when writing fails. */
class AtomicFileTest {
  @TempDir Path dir;

  private static void text(Path p, String s) throws IOException {
    AtomicFile.write(p, out -> out.write(s.getBytes(StandardCharsets.UTF_8)));
  }

  private List<Path> listing() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  @Test
  void aNewFileIsReadableByAllLikeAnOrdinaryFileNotPrivateLikeATemporaryOne() throws IOException {
    assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null,
        "permissions are POSIX permissions; this file system has none");
    Path p = dir.resolve("sub/model.layerwise");
    text(p, "one");
    assertEquals("one", Files.readString(p));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
  }

  @Test
  void aReplacedFileKeepsItsPermissions() throws IOException {
    assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null,
        "permissions are POSIX permissions; this file system has none");
    Path p = dir.resolve("report.md");
    text(p, "one");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-rw----"));
    text(p, "two");
    assertEquals("two", Files.readString(p));
    assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
  }

  @Test
  void aFailureWhileWritingLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path p = dir.resolve("model.layerwise");
    text(p, "old");
    byte[] before = Files.readAllBytes(p);
    IOException e = assertThrows(IOException.class, () -> AtomicFile.write(p, out -> {
      out.write("half of the new".getBytes(StandardCharsets.UTF_8));
      throw new IOException("disk full");
    }));
    assertEquals("disk full", e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(p));
    assertEquals(List.of(p), listing());
  }
}
