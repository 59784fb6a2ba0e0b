package dev.layerwise.spark;

import org.apache.spark.api.java.JavaSparkContext;

/**
 * One real {@code local[2]} Spark session shared by the test classes of this JVM (a JVM holds one active context;
 * starting one takes seconds). A test that needs another master stops it first; the next caller starts it again.
 */
final class SparkSessions {
  private static JavaSparkContext shared;

  private SparkSessions() {}

  static synchronized JavaSparkContext local2() {
    if (shared == null || shared.sc().isStopped()) {
      shared = new JavaSparkContext(SparkSettings.local(2, "layerwise-spark-tests"));
      shared.setLogLevel("WARN");
    }
    return shared;
  }

  static synchronized void stop() {
    if (shared != null) {
      shared.stop();
      shared = null;
    }
  }
}
