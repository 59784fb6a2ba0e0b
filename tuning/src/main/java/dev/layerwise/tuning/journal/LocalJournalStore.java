package dev.layerwise.tuning.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A journal in a local folder. {@link #create} writes {@code .<name>.<pid>-<random>.tmp}, forces it to disk, then
 * gives it its name by a hard link ({@code link(2)}: atomic, and it fails if the name exists, where
 * {@code rename(2)} would silently replace the file), removes the temporary name and forces the folder, so the
 * new name itself survives a power cut. On a file system without hard links it falls back to
 * {@link Files#move} with {@link StandardCopyOption#ATOMIC_MOVE} after checking that the name is free (enough with
 * the one writer a journal has).
 *
 * <p>Names starting with {@code .} are never listed. A process killed between writing and naming its temporary
 * file leaves it behind; opening a store removes such files whose process is no longer running (a temporary file
 * of a live process may be about to be renamed, so it is left alone).
 */
public final class LocalJournalStore implements JournalStore {
  private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.(\\d{1,18})-[0-9a-f]+\\.tmp");
  private final Path dir;

  /** A store in {@code dir}, created if missing. */
  public LocalJournalStore(Path dir) throws IOException {
    this.dir = dir.toAbsolutePath();
    Files.createDirectories(this.dir);
    removeLeftovers();
  }

  /** The folder. */
  public Path dir() {
    return dir;
  }

  @Override
  public List<String> list() throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (!name.startsWith(".") && Files.isRegularFile(f)) {
          names.add(name);
        }
      }
    }
    return names;
  }

  @Override
  public byte[] read(String name) throws IOException {
    return Files.readAllBytes(resolve(name));
  }

  @Override
  public void create(String name, byte[] content) throws IOException {
    Path target = resolve(name);
    Path tmp = dir.resolve("." + name + "." + ProcessHandle.current().pid() + "-"
        + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      publish(tmp, target);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        // left for the next store opened here to remove; the journal file itself is whole or absent
      }
    }
    forceDirectory();
  }

  /** Gives the complete temporary file its name, never replacing a file of that name. */
  private void publish(Path tmp, Path target) throws IOException {
    try {
      Files.createLink(target, tmp);
      return;
    } catch (FileAlreadyExistsException e) {
      throw new FileAlreadyExistsException(target.toString(), null,
          "a journal file is never replaced, and this one exists");
    } catch (UnsupportedOperationException | FileSystemException e) {
      // no hard links here (FAT, some network file systems): rename instead
    }
    if (Files.exists(target)) {
      throw new FileAlreadyExistsException(target.toString(), null,
          "a journal file is never replaced, and this one exists");
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Forces the folder's entries to disk, where the platform allows opening a folder (not on Windows). */
  private void forceDirectory() {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // a folder cannot be opened on this platform; its entries reach the disk with the file system's own flush
    }
  }

  private Path resolve(String name) {
    if (name.isEmpty() || name.startsWith(".") || name.contains("/") || name.contains("\\")) {
      throw new IllegalArgumentException("'" + name + "' is not a journal file name (no folders, no leading dot)");
    }
    return dir.resolve(name);
  }

  private void removeLeftovers() throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, f -> f.getFileName().toString()
        .startsWith("."))) {
      for (Path f : files) {
        Matcher m = TEMPORARY.matcher(f.getFileName().toString());
        if (m.matches()) {
          long pid = Long.parseLong(m.group(1));
          if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
            Files.deleteIfExists(f);
          }
        }
      }
    }
  }

  @Override
  public String location() {
    return dir.toString();
  }

  @Override
  public String toString() {
    return "LocalJournalStore[" + dir + "]";
  }
}
