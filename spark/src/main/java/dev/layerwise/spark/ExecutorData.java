package dev.layerwise.spark;

import dev.layerwise.tuning.Locations;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A study's data on an executor, loaded once per JVM and kept for every trial the JVM runs (concurrent tasks of
 * one executor wait for the first load instead of reading the data twice). A remote location is copied to a local
 * temporary folder first; the copy is deleted when the JVM exits. A load that fails is not kept: the next trial
 * tries again (a file system that was briefly unreachable), and each failing trial carries the reason.
 */
final class ExecutorData {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorData.class);
  private static final Map<DataLocation, CompletableFuture<StudyData>> LOADED = new ConcurrentHashMap<>();

  private ExecutorData() {}

  /** The data at {@code location}, from this JVM's cache or loaded now. */
  static StudyData get(DataLocation location, Configuration conf) throws DataUnreadableException {
    CompletableFuture<StudyData> mine = new CompletableFuture<>();
    CompletableFuture<StudyData> cached = LOADED.putIfAbsent(location, mine);
    if (cached == null) {
      try {
        mine.complete(load(location, conf));
      } catch (Exception | LinkageError e) {
        LOADED.remove(location, mine);
        mine.completeExceptionally(e);
      }
      cached = mine;
    }
    try {
      return cached.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataUnreadableException("interrupted while the data at " + location.uri() + " was loading", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof DataUnreadableException d) {
        throw d;
      }
      throw new DataUnreadableException("cannot read the study's data at " + location.uri() + " with "
          + location.loaderClass() + ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }
  }

  private static StudyData load(DataLocation location, Configuration conf) throws Exception {
    DataLoader loader = ExecutorClasses.instantiate(location.loaderClass(), DataLoader.class, "data loader");
    java.nio.file.Path local;
    if (Locations.isLocal(location.uri())) {
      local = Locations.localPath(location.uri());
      if (!Files.isReadable(local)) {
        throw new DataUnreadableException("cannot read the study's data at " + location.uri() + ": no such file or"
            + " folder on executor " + ExecutorName.describe() + " (a plain path must exist on every executor; use an"
            + " hdfs:// or s3a:// location otherwise)", null);
      }
    } else {
      local = copyHere(location.uri(), conf);
    }
    long start = System.nanoTime();
    StudyData data = loader.load(local);
    LOG.info("loaded the study's data from {} in {} s: {} training and {} validation samples", location.uri(),
        String.format("%.1f", (System.nanoTime() - start) / 1e9), data.train().size(), data.validation().size());
    return data;
  }

  private static java.nio.file.Path copyHere(String uri, Configuration conf) throws IOException {
    Path source = new Path(uri);
    FileSystem fs = source.getFileSystem(conf);
    if (!fs.exists(source)) {
      throw new DataUnreadableException("cannot read the study's data at " + uri + ": it does not exist (seen from"
          + " executor " + ExecutorName.describe() + ")", null);
    }
    java.nio.file.Path dir = Files.createTempDirectory("layerwise-data-");
    java.nio.file.Path local = dir.resolve(source.getName().isEmpty() ? "data" : source.getName());
    fs.copyToLocalFile(false, source, new Path(local.toUri()), true);
    dir.toFile().deleteOnExit();
    return local;
  }

  /** The data could not be read: the message names the location. */
  static final class DataUnreadableException extends IOException {
    private static final long serialVersionUID = 1L;

    DataUnreadableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
