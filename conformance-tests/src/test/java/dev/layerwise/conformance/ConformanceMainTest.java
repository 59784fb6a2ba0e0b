package dev.layerwise.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The command's contract short of a whole run (ConformanceSuiteTest runs the same loop): usage errors exit 2, and
 * the header states the settings the run really uses — the surefire configuration pins one TF thread and turns
 * oneDNN off, exactly as {@code bin/conformance-report} does.
 */
class ConformanceMainTest {

  @Test
  void anUnknownOptionOrTwoFoldersIsAUsageError() {
    assertEquals(2, ConformanceMain.run(new String[] {"--docs"}));
    assertEquals(2, ConformanceMain.run(new String[] {"a", "b"}));
  }

  @Test
  void theHeaderShowsThePinnedThreadsAndOneDnnSetting() {
    Map<String, String> env = Environment.describe();
    assertEquals("intra-op 1, inter-op 1 (-Dlayerwise.tf.threads=1)", env.get("TF threads"));
    assertTrue(env.get("oneDNN (TF_ENABLE_ONEDNN_OPTS)").startsWith("0 "), env.toString());
    for (String key : new String[] {"Layerwise", "TensorFlow Java", "TensorFlow core", "JVM", "CPU"}) {
      assertTrue(env.containsKey(key) && !env.get(key).contains("unknown"), key + " missing in " + env);
    }
  }
}
