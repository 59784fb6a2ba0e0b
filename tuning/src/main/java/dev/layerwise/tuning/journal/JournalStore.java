package dev.layerwise.tuning.journal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.List;

/**
 * Where a journal's files live: a flat set of named, immutable files. Three operations are all a journal needs,
 * and all an object store offers reliably: list the names, read one, create a new one whole. There is no append,
 * no overwrite and no delete, so a store on S3A or HDFS can implement it as faithfully as the local one.
 *
 * <p>{@link #create} must be atomic: a reader (or a process started after a crash) sees either no file of that
 * name or the complete content, never a part. Stores write to a temporary name and rename; temporary names are
 * never returned by {@link #list}.
 */
public interface JournalStore {
  /** The names of the complete files, in no particular order; temporary files are not included. */
  List<String> list() throws IOException;

  /** The whole content of the file {@code name}. */
  byte[] read(String name) throws IOException;

  /**
   * Creates the file {@code name} with {@code content}, atomically and durably (on disk when this returns).
   *
   * @throws FileAlreadyExistsException if a file of that name exists: a journal file is never replaced
   */
  void create(String name, byte[] content) throws IOException;

  /** Where the files are (a folder, a URI), for messages. */
  String location();
}
