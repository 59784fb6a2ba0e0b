package dev.layerwise.spark;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A folder on a Hadoop file system and what the stores need to know of it.
 *
 * @param fs its file system (the raw local one for {@code file:}: no {@code .crc} side files)
 * @param dir the folder, qualified ({@code hdfs://nn:8020/studies/mlp/journal})
 * @param objectStore whether it is on an object store ({@code s3a}, {@code s3}, {@code gs}), where a rename is a copy
 *     and a delete rather than atomic, and an upload appears whole when it is closed
 */
record HadoopFolder(FileSystem fs, Path dir, boolean objectStore) {
  static HadoopFolder at(String location, Configuration conf) throws IOException {
    Path p = new Path(location);
    FileSystem fs = HadoopPaths.fileSystem(p, conf);
    Path dir = fs.makeQualified(p);
    String scheme = dir.toUri().getScheme();
    return new HadoopFolder(fs, dir, scheme != null && (scheme.startsWith("s3") || scheme.equals("gs")));
  }
}
