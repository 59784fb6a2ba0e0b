package dev.layerwise.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.tensorflow.TensorFlow;

/** What a report's numbers depend on: versions, JVM, CPU features, TF's numeric settings and threads. */
public final class Environment {
  private static final Set<String> INTERESTING_FLAGS = Set.of("sse4_2", "avx", "avx2", "fma", "avx512f",
      "avx512_vnni", "avx512_bf16", "amx_tile", "neon", "asimd");

  private Environment() {}

  /** Ordered key/value pairs for the report header. */
  public static Map<String, String> describe() {
    Properties versions = new Properties();
    try (InputStream in = Environment.class.getResourceAsStream("versions.properties")) {
      if (in != null) {
        versions.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> m = new LinkedHashMap<>();
    m.put("Layerwise", versions.getProperty("layerwise.version", "unknown"));
    m.put("TensorFlow Java", versions.getProperty("tensorflow.java.version", "unknown"));
    m.put("TensorFlow core", TensorFlow.version());
    m.put("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    m.put("CPU", cpu());
    String onednn = System.getenv("TF_ENABLE_ONEDNN_OPTS");
    m.put("TF_ENABLE_ONEDNN_OPTS", onednn == null ? "unset (TF default: on for this CPU class)" : onednn);
    m.put("TF threads (intra/inter)", System.getProperty("layerwise.tf.threads", "backend default"));
    m.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    return m;
  }

  private static String cpu() {
    Path info = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(info)) {
      return "unknown";
    }
    try {
      String model = "unknown";
      Set<String> flags = new TreeSet<>();
      for (String line : Files.readAllLines(info)) {
        if (line.startsWith("model name") && model.equals("unknown")) {
          model = line.substring(line.indexOf(':') + 1).trim();
        } else if ((line.startsWith("flags") || line.startsWith("Features")) && flags.isEmpty()) {
          for (String f : line.substring(line.indexOf(':') + 1).trim().split("\\s+")) {
            if (INTERESTING_FLAGS.contains(f)) {
              flags.add(f);
            }
          }
        }
      }
      return model + "; flags: " + String.join(" ", flags);
    } catch (IOException e) {
      return "unreadable: " + e.getMessage();
    }
  }
}
