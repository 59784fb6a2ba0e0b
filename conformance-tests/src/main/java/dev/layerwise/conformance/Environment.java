package dev.layerwise.conformance;

import dev.layerwise.tf.TfThreads;
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

/**
 * What a report's numbers depend on: versions, JVM, CPU features, TF's numeric settings and threads. The thread
 * line is what the TF backend's sessions really open with ({@link TfThreads#configured()}), not the request.
 */
public final class Environment {
  /** The variable that turns TF's oneDNN rewrites on or off; conformance runs pin it to 0. */
  public static final String ONEDNN = "TF_ENABLE_ONEDNN_OPTS";
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
    m.put("oneDNN (TF_ENABLE_ONEDNN_OPTS)", onednn());
    m.put("TF threads", TfThreads.configured().toString());
    m.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    return m;
  }

  /** The oneDNN setting TF read at start-up: the variable is only consulted when the native library loads. */
  static String onednn() {
    String v = System.getenv(ONEDNN);
    if (v == null) {
      return "unset: TF's default, which turns oneDNN on for recent x86 CPUs (pin it to 0 to compare numbers)";
    }
    return v.equals("0") ? "0 (off: TF's own kernels, no oneDNN graph rewrites)" : v + " (on)";
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
