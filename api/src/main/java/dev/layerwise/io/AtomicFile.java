package dev.layerwise.io;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a file all at once, so that a crash, a kill or an exception while writing leaves the old file exactly
 * as it was: the content goes to a temporary file in the target's folder (the same file system, so the rename is
 * atomic), is flushed to disk, gets the permissions of the file it replaces (or {@code rw-r--r--} for a new one:
 * temporary files are created private, and a saved model or a report is not a secret), and is then renamed over
 * the target. Whatever fails, the temporary file is removed.
 *
 * <p>Only a killed process ({@code kill -9}, a power cut) cannot remove its temporary file. Each one is therefore
 * named after its target and the process writing it, {@code .<target name>.<pid>-<random>.tmp}, and every write
 * of a target first deletes that target's temporary files whose process is no longer running: leftovers do not
 * pile up, and a save in progress in another live process is never touched.
 */
public final class AtomicFile {
  private static final Logger LOG = LoggerFactory.getLogger(AtomicFile.class);
  private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
  private static final Set<String> NOT_A_FILE_NAME = Set.of("", ".", "..");
  /** Long names are cut in temporary names, which must stay within the 255 bytes most file systems allow. */
  private static final int NAME_CHARS = 200;

  /** Writes the content of a file to a stream; the stream is closed afterwards. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFile() {}

  /**
   * Writes {@code target} atomically, creating its folder if needed.
   *
   * @throws IllegalArgumentException if {@code target} has no file name ({@code /}, {@code ..}, an empty path)
   */
  public static void write(Path target, Content content) throws IOException {
    Path name = target.getFileName();
    checkArgument(name != null && !NOT_A_FILE_NAME.contains(name.toString()),
        "cannot write to '%s': the path has no file name (a file path such as models/model.layerwise is needed)",
        target);
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    String prefix = temporaryPrefix(name.toString());
    removeLeftovers(dir, prefix);
    Path tmp = createTemporary(dir, prefix);
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        content.writeTo(out);
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
      if (view != null) {
        view.setPermissions(Files.exists(target) ? Files.getPosixFilePermissions(target) : NEW_FILE);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the temporary file is left behind (the next write of this target removes it); the target is untouched
      }
    }
  }

  /** {@code .<name>.}: what every temporary file of a target starts with. */
  static String temporaryPrefix(String name) {
    return "." + (name.length() > NAME_CHARS ? name.substring(0, NAME_CHARS) : name) + ".";
  }

  /** The temporary file of this process for a target, {@code .<name>.<pid>-<random>.tmp}, created private. */
  private static Path createTemporary(Path dir, String prefix) throws IOException {
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    while (true) {
      Path tmp = dir.resolve(prefix + ProcessHandle.current().pid() + "-"
          + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".tmp");
      try {
        return posix ? Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PRIVATE)) : Files.createFile(tmp);
      } catch (FileAlreadyExistsException e) {
        // a 63-bit random collision: draw again
      }
    }
  }

  /** Deletes the target's temporary files whose writing process has ended (killed before it could clean up). */
  private static void removeLeftovers(Path dir, String prefix) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, p -> isLeftover(p, prefix))) {
      for (Path stale : files) {
        if (Files.deleteIfExists(stale)) {
          LOG.info("removed {}, left by an interrupted write of the same file", stale);
        }
      }
    } catch (IOException e) {
      LOG.debug("could not clean up temporary files in {}", dir, e);
    }
  }

  /** Whether {@code p} is one of the target's temporary files and its process is gone. */
  static boolean isLeftover(Path p, String prefix) {
    String name = p.getFileName().toString();
    if (!name.startsWith(prefix) || !name.endsWith(".tmp")) {
      return false;
    }
    String tail = name.substring(prefix.length(), name.length() - ".tmp".length());
    int dash = tail.indexOf('-');
    if (dash <= 0 || !tail.substring(0, dash).chars().allMatch(Character::isDigit)
        || !tail.substring(dash + 1).matches("[0-9a-f]+")) {
      return false;
    }
    long pid;
    try {
      pid = Long.parseLong(tail.substring(0, dash));
    } catch (NumberFormatException e) {
      return false;
    }
    return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
  }
}
