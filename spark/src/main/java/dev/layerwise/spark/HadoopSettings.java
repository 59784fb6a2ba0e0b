package dev.layerwise.spark;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;

/**
 * The driver's Hadoop configuration as plain strings, broadcast once per study so that executors open the
 * journal's and the archives' file system with the driver's settings (an S3A endpoint and credentials provider
 * set with {@code spark.hadoop.*}, an HDFS name service) rather than only what their own classpath holds.
 * {@link Configuration} itself is not {@link Serializable}.
 *
 * @param entries every property, defaults included
 */
record HadoopSettings(Map<String, String> entries) implements Serializable {
  private static final long serialVersionUID = 1L;

  static HadoopSettings of(Configuration conf) {
    Map<String, String> m = new TreeMap<>();
    conf.forEach(e -> m.put(e.getKey(), e.getValue()));
    return new HadoopSettings(m);
  }

  Configuration toConfiguration() {
    Configuration conf = new Configuration(false);
    entries.forEach(conf::set);
    return conf;
  }
}
