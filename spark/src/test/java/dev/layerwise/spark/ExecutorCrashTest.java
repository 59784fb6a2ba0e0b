package dev.layerwise.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.tuning.Objective;
import dev.layerwise.tuning.RandomSearch;
import dev.layerwise.tuning.StudyResult;
import dev.layerwise.tuning.TrialSummary;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executors in JVMs of their own ({@code local-cluster}: a master and a worker in this JVM, each executor a child
 * process launched by the worker, as on a standalone cluster). A trial whose executor dies of a native fault is
 * failed with Spark's reason; the worker starts a new executor and the study finishes its other trials — trained
 * in other JVMs, so payloads, outcomes and the broadcast settings really cross a process boundary.
 */
class ExecutorCrashTest {
  @TempDir Path dir;

  @Test
  void anExecutorKilledByANativeFaultFailsItsTrialAndTheStudyGoesOn() throws Exception {
    Path home = Path.of(System.getenv("SPARK_HOME"));
    Files.createDirectories(home.resolve("jars")); // the worker's launcher wants a Spark home with a jars folder
    String jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--") || a.startsWith("-Dio.netty") || a.startsWith("-XX:+Ignore"))
        .collect(Collectors.joining(" "));
    SparkConf conf = SparkSettings.recommended(new SparkConf().setMaster("local-cluster[1,1,1024]")
        .setAppName("executor-crash").set("spark.ui.enabled", "false")
        .set("spark.driver.bindAddress", "127.0.0.1").set("spark.driver.host", "127.0.0.1")
        .set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
        .set("spark.executor.extraJavaOptions", jvmOptions)
        .set("spark.task.maxFailures", "1"));
    Path data = Clusters.write(dir.resolve("data"), 200);
    SparkSessions.stop(); // one context per JVM
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      StudyResult r = SparkStudy.in(sc, dir.resolve("study").toString(), Objective.maximize("val_accuracy"),
          DataLocation.csvFolder(data.toString())).backend("reference")
          .run(new RandomSearch(Clusters.SPACE, 3, 2, 42), CrashingFactory.class);
      assertEquals(3, r.table().rows().size(), r.table().toMarkdown());
      for (TrialSummary row : r.table().rows()) {
        if (row.number() == 1) {
          assertEquals("FAILED", row.status());
          assertTrue(row.reason().contains("Spark job of trial t1 failed"), row.reason());
        } else {
          assertEquals("DONE", row.status(), row.reason());
        }
      }
    }
  }
}
