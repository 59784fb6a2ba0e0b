package dev.layerwise.spark;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.spark.SparkEnv;

/** Names the executor a task runs on, for messages and for the journal's worker field. */
final class ExecutorName {
  private ExecutorName() {}

  /** {@code "3 on host-a"}, or the host alone outside a Spark task. */
  static String describe() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "an unnamed host";
    }
    SparkEnv env = SparkEnv.get();
    return env == null ? host : env.executorId() + " on " + host;
  }
}
