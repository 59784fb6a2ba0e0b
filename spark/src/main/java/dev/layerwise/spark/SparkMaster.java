package dev.layerwise.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Starts the driver's Spark context for a study, failing fast when a standalone master cannot be reached: Spark
 * itself retries the registration for a minute and then stops the context, which leaves a program waiting with no
 * clear reason. YARN, Kubernetes and {@code local[...]} masters are handed to Spark as they are.
 */
public final class SparkMaster {
  /** How long a connection to a standalone master may take. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private SparkMaster() {}

  /**
   * A context for {@code conf} with {@link SparkSettings#recommended} applied, after checking that a
   * {@code spark://} master accepts connections.
   *
   * @throws IllegalStateException naming the master when none of its addresses can be reached
   */
  public static JavaSparkContext connect(SparkConf conf) {
    String master = conf.get("spark.master", "");
    if (master.isBlank()) {
      throw new IllegalArgumentException("spark.master is not set: pass --master to spark-submit, or set it on the"
          + " SparkConf (local[2], spark://host:7077, yarn, k8s://...)");
    }
    checkReachable(master, CONNECT_TIMEOUT);
    return new JavaSparkContext(SparkSettings.recommended(conf));
  }

  /** For a {@code spark://host:port[,host:port]} master, that one of its addresses accepts a connection. */
  static void checkReachable(String master, Duration timeout) {
    if (!master.startsWith("spark://")) {
      return;
    }
    List<String> failures = new ArrayList<>();
    for (String hostPort : master.substring("spark://".length()).split(",")) {
      int colon = hostPort.lastIndexOf(':');
      String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      int port;
      try {
        port = colon < 0 ? 7077 : Integer.parseInt(hostPort.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("spark.master '" + master + "': '" + hostPort + "' has no port number");
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
        return;
      } catch (IOException e) {
        failures.add(hostPort + ": " + e.getMessage());
      }
    }
    throw new IllegalStateException("cannot reach the Spark master " + master + " (" + String.join("; ", failures)
        + "). Nothing was started or recorded: check the master's address and that it is running.");
  }
}
