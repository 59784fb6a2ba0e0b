package dev.layerwise.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Layerwise's own version, from the build. */
public final class Versions {
  private Versions() {}

  public static String layerwise() {
    Properties p = new Properties();
    try (InputStream in = Versions.class.getResourceAsStream("/dev/layerwise/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return p.getProperty("layerwise.version", "unknown");
  }
}
