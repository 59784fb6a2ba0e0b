package dev.layerwise.spark;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.tuning.ArchiveStore;
import dev.layerwise.tuning.Locations;
import java.io.IOException;
import java.nio.file.Files;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Trial archives in a folder on any Hadoop file system, written by the executor that trained the trial: the model
 * is saved to a local temporary file, uploaded under a temporary name starting with {@code .} and renamed to
 * {@code tN.layerwise} (on an object store, where a rename is a copy, uploaded directly: an object appears whole).
 * A continued trial's archive is downloaded to a local temporary file and loaded from there. A study in a plain
 * path keeps its archives there, written and read directly, and the journal records plain paths; any URI
 * ({@code file:} included, which takes the same code as {@code hdfs:}) is recorded as a URI.
 * {@code StudyResult.bestArchive()} loads both local kinds.
 */
final class HadoopArchives implements ArchiveStore {
  private final FileSystem fs;
  private final Path dir;
  private final boolean local;
  private final boolean objectStore;

  HadoopArchives(String location, Configuration conf) throws IOException {
    HadoopFolder folder = HadoopFolder.at(location, conf);
    this.fs = folder.fs();
    this.dir = folder.dir();
    this.objectStore = folder.objectStore();
    this.local = Locations.isPlainPath(location);
  }

  @Override
  public String save(CompiledModel model, String trialId) throws IOException {
    java.nio.file.Path tmpLocal = Files.createTempFile("layerwise-" + trialId + "-", ".layerwise");
    Path target = new Path(dir, trialId + ".layerwise");
    try {
      model.save(tmpLocal);
      fs.mkdirs(dir);
      if (objectStore) {
        fs.copyFromLocalFile(false, true, new Path(tmpLocal.toUri()), target);
      } else {
        Path tmp = new Path(dir, "." + trialId + "." + UUID.randomUUID() + ".layerwise.tmp");
        fs.copyFromLocalFile(false, true, new Path(tmpLocal.toUri()), tmp);
        fs.delete(target, false); // an earlier attempt's (a rerun after a crash): this run's replaces it
        if (!fs.rename(tmp, target)) {
          fs.delete(tmp, false);
          throw new IOException("cannot rename " + tmp + " to " + target);
        }
      }
    } finally {
      Files.deleteIfExists(tmpLocal);
    }
    return local ? Locations.localPath(target.toUri().toString()).toString() : target.toString();
  }

  @Override
  public CompiledModel load(String trialId, Backend backend) throws IOException {
    Path source = new Path(dir, trialId + ".layerwise");
    if (local) {
      return CompiledModel.load(Locations.localPath(source.toUri().toString()), backend);
    }
    java.nio.file.Path tmpLocal = Files.createTempFile("layerwise-" + trialId + "-", ".layerwise");
    try {
      fs.copyToLocalFile(false, source, new Path(tmpLocal.toUri()), true);
      return CompiledModel.load(tmpLocal, backend);
    } finally {
      Files.deleteIfExists(tmpLocal);
    }
  }
}
