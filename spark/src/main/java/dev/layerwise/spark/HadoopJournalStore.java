package dev.layerwise.spark;

import dev.layerwise.tuning.journal.JournalStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A study journal on a Hadoop file system (HDFS, S3A, ABFS, GCS, ...). Each event is a new file, never appended
 * to nor replaced, which every one of these supports:
 *
 * <ul>
 *   <li>on a file system with atomic rename (HDFS, ABFS with hierarchical namespace) the file is written under a
 *       temporary name starting with {@code .}, closed ({@code hsync}ed first), and renamed; HDFS's rename fails
 *       when the name exists, so a second writer cannot replace a file;
 *   <li>on an object store (S3A, GCS: {@code s3a}, {@code s3}, {@code gs} schemes) the object is created directly
 *       with {@code overwrite = false}: an upload becomes visible whole when it is closed, and a rename there would
 *       be a copy and a delete, not atomic.
 * </ul>
 *
 * <p>Only the study's driver writes a journal; executors never open one.
 */
final class HadoopJournalStore implements JournalStore {
  private final FileSystem fs;
  private final Path dir;
  private final boolean objectStore;

  HadoopJournalStore(String location, Configuration conf) throws IOException {
    HadoopFolder folder = HadoopFolder.at(location, conf);
    this.fs = folder.fs();
    this.dir = folder.dir();
    this.objectStore = folder.objectStore();
    if (!fs.mkdirs(dir)) {
      throw new IOException("cannot create the journal folder " + dir);
    }
  }

  @Override
  public List<String> list() throws IOException {
    List<String> names = new ArrayList<>();
    for (FileStatus f : fs.listStatus(dir)) {
      String name = f.getPath().getName();
      if (f.isFile() && !name.startsWith(".")) {
        names.add(name);
      }
    }
    return names;
  }

  @Override
  public byte[] read(String name) throws IOException {
    try (InputStream in = fs.open(child(name))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    }
  }

  @Override
  public void create(String name, byte[] content) throws IOException {
    Path target = child(name);
    if (fs.exists(target)) {
      throw new FileAlreadyExistsException(target.toString(), null,
          "a journal file is never replaced, and this one exists");
    }
    if (objectStore) {
      write(target, content);
      return;
    }
    Path tmp = new Path(dir, "." + name + "." + UUID.randomUUID() + ".tmp");
    try {
      write(tmp, content);
      if (!fs.rename(tmp, target)) {
        throw new FileAlreadyExistsException(target.toString(), null,
            "the rename of the journal file's temporary copy was refused: the name exists, or the folder is gone");
      }
    } finally {
      fs.delete(tmp, false);
    }
  }

  private void write(Path file, byte[] content) throws IOException {
    try (FSDataOutputStream out = fs.create(file, false)) {
      out.write(content);
      out.hsync();
    }
  }

  private Path child(String name) {
    if (name.isEmpty() || name.startsWith(".") || name.contains("/")) {
      throw new IllegalArgumentException("'" + name + "' is not a journal file name (no folders, no leading dot)");
    }
    return new Path(dir, name);
  }

  @Override
  public String location() {
    return dir.toString();
  }

  @Override
  public String toString() {
    return "HadoopJournalStore[" + dir + "]";
  }
}
