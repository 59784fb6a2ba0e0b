package dev.layerwise.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@code main} class in a fresh JVM with this JVM's class path, for what a test must survive rather than
 * merely check: a native crash kills the child, and the test sees an exit code and the child's output instead of a
 * dead test run. The child gets the options every TF process gets ({@code -Xss4m}, JavaCPP's physical-memory limit
 * off) plus the test's own, and the environment of this JVM (so {@code TF_CPP_MIN_LOG_LEVEL} and the like carry
 * over).
 */
public final class ChildJvm {
  /** What the child did: its exit code (134 or 139 for a native abort or segfault), stdout and stderr. */
  public record Outcome(int exitCode, String stdout, String stderr) {
    /** Exit code and both streams, for assertion messages. */
    public String describe() {
      return "exit code " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
    }
  }

  private ChildJvm() {}

  /**
   * Runs {@code mainClass} with {@code args}, waits at most {@code timeoutSeconds} (then kills it and fails).
   *
   * @param jvmOptions extra options before the class name, e.g. {@code -Dlayerwise.tf.threads=1}
   */
  public static Outcome run(Class<?> mainClass, List<String> jvmOptions, List<String> args, long timeoutSeconds) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xss4m");
    command.add("-Dorg.bytedeco.javacpp.maxPhysicalBytes=0");
    // A crash report goes to the temp folder, not into the module being tested.
    command.add("-XX:ErrorFile=" + Path.of(System.getProperty("java.io.tmpdir"), "hs_err_pid%p.log"));
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(args);
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("child-jvm", ".out");
      err = Files.createTempFile("child-jvm", ".err");
      Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        throw new AssertionError(mainClass.getSimpleName() + " did not finish within " + timeoutSeconds + " s:\n"
            + Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + mainClass.getSimpleName(), e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // a temp file left behind is harmless; the test's outcome matters more
      }
    }
  }
}
