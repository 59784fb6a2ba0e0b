package dev.layerwise.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a killed save leaves behind: its temporary file, which the next save of the same target removes, and only
 * that: a save in progress in a live process, and other targets' files, are left alone.
 */
class AtomicFileLeftoverTest {
  private static final int MIB = 1 << 20;

  @TempDir Path dir;

  /** A save that writes a megabyte and then hangs, to be killed: {@code java ... SlowSave TARGET}. */
  public static final class SlowSave {
    public static void main(String[] args) throws IOException {
      AtomicFile.write(Path.of(args[0]), out -> {
        out.write(new byte[MIB]);
        out.flush();
        try {
          Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
  }

  private List<Path> listing() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  private static void text(Path p, String s) throws IOException {
    AtomicFile.write(p, out -> out.write(s.getBytes(StandardCharsets.UTF_8)));
  }

  /** Starts a JVM saving {@code target}, waits for its temporary file to hold the megabyte, then kill -9s it. */
  private Path killDuringSave(Path target) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process save = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SlowSave.class.getName(),
        target.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("save.log").toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        try (Stream<Path> files = Files.list(dir)) {
          List<Path> tmp = files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
          if (tmp.size() == 1 && Files.size(tmp.get(0)) >= MIB) {
            return tmp.get(0);
          }
        }
        assertTrue(save.isAlive(), "the saving JVM ended early: " + Files.readString(dir.resolve("save.log")));
        Thread.sleep(20);
      }
      throw new AssertionError("no temporary file appeared: " + Files.readString(dir.resolve("save.log")));
    } finally {
      save.destroyForcibly(); // SIGKILL on Linux and macOS: no finally block, no shutdown hook runs
      assertTrue(save.waitFor(30, TimeUnit.SECONDS));
    }
  }

  @Test
  void theNextSaveRemovesWhatASaveKilledMidwayLeftAndKeepsTheOldFile() throws Exception {
    Path p = dir.resolve("model.layerwise");
    text(p, "old");
    Path leftover = killDuringSave(p);
    Files.delete(dir.resolve("save.log"));
    assertEquals(List.of(leftover, p), listing(), "the kill leaves the old file and a temporary file");
    assertEquals("old", Files.readString(p));
    assertTrue(leftover.getFileName().toString().startsWith(".model.layerwise."), leftover.toString());

    // what must stay: a save of the same target in progress in this (live) process, other targets' leftovers,
    // and files that only look alike
    Path inProgress = Files.writeString(dir.resolve(".model.layerwise." + ProcessHandle.current().pid()
        + "-2a.tmp"), "in progress");
    Path otherTarget = Files.write(dir.resolve(".other.layerwise" + leftover.getFileName().toString()
        .substring(".model.layerwise".length())), new byte[1]);
    Path lookalike = Files.writeString(dir.resolve(".model.layerwise.notes.tmp"), "mine");
    text(p, "new");
    assertEquals("new", Files.readString(p));
    assertEquals(List.of(inProgress, lookalike, otherTarget, p), listing());
    assertArrayEquals("in progress".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(inProgress));
  }
}
