package dev.layerwise;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.io.AtomicFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Draws a model's DOT text ({@link ModelDot}) with Graphviz's {@code dot} program, as Keras's {@code plot_model}
 * does through pydot. The picture is rendered into memory first and then written atomically ({@link AtomicFile}),
 * so a missing program, a failing {@code dot} or a full disk never leaves a half-written file behind, and an
 * existing file is either replaced whole or not touched.
 */
final class ModelPlot {
  /** The formats {@code dot -T<format>} writes that a file name may ask for. */
  static final List<String> FORMATS = List.of("png", "svg", "pdf");
  static final String PROGRAM = "dot";
  /** Generous: drawing a model of a hundred layers takes dot well under a second. */
  private static final long TIMEOUT_SECONDS = 120;

  private ModelPlot() {}

  static void plot(String dot, Path file, String program) {
    checkArgument(file != null, "plot: the file is null");
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    int dotAt = name.lastIndexOf('.');
    String format = dotAt < 0 ? "" : name.substring(dotAt + 1).toLowerCase(Locale.ROOT);
    checkArgument(FORMATS.contains(format), "plot: cannot tell the picture format of '%s' from its extension;"
        + " expected a file ending in one of %s", file, FORMATS);
    byte[] picture = render(dot, format, program);
    try {
      AtomicFile.write(file, out -> out.write(picture));
    } catch (IOException e) {
      throw new UncheckedIOException("plot: could not write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Runs {@code program -T<format>} on the DOT text and returns what it printed. */
  private static byte[] render(String dot, String format, String program) {
    Process p;
    try {
      p = new ProcessBuilder(program, "-T" + format).start();
    } catch (IOException e) {
      throw new IllegalStateException(String.format("plot: Graphviz's '%s' program could not be started (%s);"
          + " install Graphviz (on Debian or Ubuntu: apt-get install graphviz) or use toDot() and draw the text"
          + " elsewhere", program, e.getMessage()), e);
    }
    try {
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
      IOException writing = null;
      try (OutputStream in = p.getOutputStream()) {
        in.write(dot.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        writing = e; // the program stopped reading: its exit code and messages below say why
      }
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException(String.format("plot: '%s' did not finish within %s s", program,
            TIMEOUT_SECONDS));
      }
      byte[] picture = out.join();
      String messages = new String(err.join(), StandardCharsets.UTF_8).strip();
      if (p.exitValue() != 0 || picture.length == 0) {
        throw new IllegalStateException(String.format("plot: '%s -T%s' failed (exit code %s)%s", program, format,
            p.exitValue(), messages.isEmpty() ? ", printing nothing" : ": " + messages));
      }
      if (writing != null) {
        throw new UncheckedIOException("plot: could not hand the graph to '" + program + "': "
            + writing.getMessage(), writing);
      }
      return picture;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("plot: interrupted while '" + program + "' was drawing", e);
    } finally {
      p.destroyForcibly();
    }
  }

  private static byte[] readAll(InputStream s) {
    try (s; ByteArrayOutputStream b = new ByteArrayOutputStream()) {
      s.transferTo(b);
      return b.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
