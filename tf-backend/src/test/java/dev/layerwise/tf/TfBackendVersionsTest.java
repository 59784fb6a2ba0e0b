package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.tensorflow.TensorFlow;

class TfBackendVersionsTest {
  @Test
  void reportsTensorFlowJavaAndCoreVersions() throws IOException {
    Map<String, String> v = Backend.named("tensorflow").versions();
    assertEquals(List.of("tensorflow_java", "tensorflow"), List.copyOf(v.keySet()), "keys, in order");
    assertEquals(jarVersion(), v.get("tensorflow_java"), "the version of the tensorflow-core-api jar in use");
    assertTrue(v.get("tensorflow_java").matches("\\d+\\.\\d+\\.\\d+.*"), v.get("tensorflow_java"));
    assertTrue(v.get("tensorflow").matches("\\d+\\.\\d+\\.\\d+.*"), "TF core version: " + v.get("tensorflow"));
    assertTrue(v.get("tensorflow").startsWith("2."), "TF Java 1.x runs TF 2.x core: " + v.get("tensorflow"));
  }

  /** What the tensorflow-core-api jar on the class path says about itself (its Maven pom.properties). */
  private static String jarVersion() throws IOException {
    Properties p = new Properties();
    try (InputStream in = TensorFlow.class.getResourceAsStream(
        "/META-INF/maven/org.tensorflow/tensorflow-core-api/pom.properties")) {
      assertNotNull(in, "tensorflow-core-api's pom.properties");
      p.load(in);
    }
    return p.getProperty("version");
  }
}
