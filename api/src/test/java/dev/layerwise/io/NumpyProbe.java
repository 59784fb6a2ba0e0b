package dev.layerwise.io;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Whether a python3 with NumPy is installed, for the tests that check files against NumPy's own. */
public final class NumpyProbe {
  /** Probed once per JVM. */
  public static final boolean AVAILABLE = probe();

  private NumpyProbe() {}

  private static boolean probe() {
    try {
      Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
