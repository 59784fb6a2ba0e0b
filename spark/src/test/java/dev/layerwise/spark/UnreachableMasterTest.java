package dev.layerwise.spark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** A standalone master nobody listens for: a clear error before a context or a journal exists. */
class UnreachableMasterTest {
  @Test
  void aMasterThatCannotBeReachedIsNamedAndNothingStarts() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // free, and closed again: connections are refused
    }
    String master = "spark://127.0.0.1:" + port;
    long start = System.nanoTime();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> SparkMaster.connect(new SparkConf().setMaster(master).setAppName("unreachable")));
    assertTrue(e.getMessage().contains("cannot reach the Spark master " + master)
        && e.getMessage().contains("Nothing was started or recorded"), e.getMessage());
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "it fails fast, not after Spark's retries");
    assertFalse(SparkSessions.local2().sc().isStopped(), "no other context was started: a local one still can");
  }

  @Test
  void aMasterWithoutAPortOrNoMasterAtAllIsNamed() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SparkMaster.checkReachable("spark://host:x",
        Duration.ofSeconds(1))).getMessage().contains("'host:x' has no port number"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SparkMaster.connect(new SparkConf(false)))
        .getMessage().contains("spark.master is not set"));
  }

  @Test
  void otherMastersAreLeftToSpark() {
    SparkMaster.checkReachable("local[2]", Duration.ofMillis(1));
    SparkMaster.checkReachable("yarn", Duration.ofMillis(1));
  }
}
