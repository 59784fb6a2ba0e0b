package dev.layerwise.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark search command line as spark-submit starts it: the session's settings come as {@code spark.*} system
 * properties (what spark-submit sets in the driver's JVM). A small study on {@code local[2]}, its rerun, and a master
 * that cannot be reached.
 */
class LayerwiseSparkTuneTest {
  @TempDir Path dir;
  private static final Map<String, String> SESSION = Map.of("spark.ui.enabled", "false",
      "spark.driver.bindAddress", "127.0.0.1", "spark.driver.host", "127.0.0.1", "spark.app.name", "spark-tune-test");

  private record Run(int status, String out, String err) {}

  private static Run run(String master, String... args) {
    System.setProperty("spark.master", master);
    SESSION.forEach(System::setProperty);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = LayerwiseSparkTune.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @AfterEach
  void clearSession() {
    System.clearProperty("spark.master");
    SESSION.keySet().forEach(System::clearProperty);
  }

  private Path study() throws Exception {
    Path f = dir.resolve("s.study");
    Files.writeString(f, String.join("\n", "strategy = random", "trials = 2", "epochs = 1", "seed = 42",
        "dir = " + dir.resolve("study"), "param.lr = logUniform 1e-4 1e-2", "param.units = intRange 16 64 log")
        + "\n");
    return f;
  }

  @Test
  void aSmallStudyRunsOnLocalSparkAndARerunTrainsNothing() throws Exception {
    Run r = run("local[2]", study().toString());
    assertEquals(0, r.status(), r.out() + r.err());
    assertTrue(r.out().startsWith("2 trials, 2 epochs trained") && r.out().contains("on local[2]"), r.out());
    assertTrue(Files.exists(dir.resolve("study/results/results.csv")));
    assertTrue(Files.exists(dir.resolve("study/trials/t0.layerwise")));
    long journalFiles;
    try (var files = Files.list(dir.resolve("study/journal"))) {
      journalFiles = files.count();
    }
    Run again = run("local[2]", study().toString());
    assertEquals(0, again.status(), again.err());
    String table = r.out().substring(r.out().indexOf("| trial"), r.out().indexOf("best trial"));
    assertTrue(again.out().contains(table), "the same table, read from the journal: " + again.out());
    try (var files = Files.list(dir.resolve("study/journal"))) {
      assertEquals(journalFiles, files.count(), "the rerun recorded nothing: both trials were finished");
    }
  }

  @Test
  void aMasterThatCannotBeReachedExitsWith2AndNamesIt() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Run r = run("spark://127.0.0.1:" + port, study().toString());
    assertEquals(2, r.status(), r.out() + r.err());
    assertTrue(r.err().contains("layerwise-spark-tune: cannot reach the Spark master spark://127.0.0.1:" + port),
        r.err());
    assertFalse(Files.exists(dir.resolve("study")), "nothing was recorded");
  }
}
