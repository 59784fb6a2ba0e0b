package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Model.plot}: Graphviz's {@code dot} draws the DOT text; the file is written whole or not at all. */
class ModelPlotTest {
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  @TempDir Path dir;

  /** Whether an executable {@code dot} is on the PATH (bin/ensure-packages installs Debian's graphviz). */
  static boolean dotInstalled() {
    String path = System.getenv("PATH");
    return path != null && Arrays.stream(path.split(File.pathSeparator))
        .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, ModelPlot.PROGRAM)));
  }

  @Test
  void writesAPngWhenDotIsInstalled() throws IOException {
    assumeTrue(dotInstalled(), "Graphviz's dot is not on the PATH; install the graphviz package (bin/test does)"
        + " to draw models");
    Path png = dir.resolve("residual.png");
    FunctionalSummaryTest.residual().plot(png);
    byte[] bytes = Files.readAllBytes(png);
    assertTrue(bytes.length > 1000, "a PNG of " + bytes.length + " bytes");
    assertArrayEquals(PNG_MAGIC, Arrays.copyOf(bytes, PNG_MAGIC.length));
    assertEquals(1, listing().length, "only the picture is left: " + Arrays.toString(listing()));
  }

  @Test
  void writesAnSvgNamingTheLayers() throws IOException {
    assumeTrue(dotInstalled(), "Graphviz's dot is not on the PATH; install the graphviz package (bin/test does)"
        + " to draw models");
    Path svg = dir.resolve("residual.svg");
    FunctionalSummaryTest.residual().plot(svg);
    String text = Files.readString(svg, StandardCharsets.UTF_8);
    assertTrue(text.contains("<svg") && text.contains(">add</text>") && text.contains(">out</text>"), text);
  }

  @Test
  void aMissingProgramIsNamedAndNothingIsWritten() throws IOException {
    Path png = dir.resolve("model.png");
    Files.writeString(png, "the old picture");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> ModelPlot.plot(FunctionalSummaryTest.residual().toDot(), png, "layerwise-no-such-dot"));
    assertTrue(e.getMessage().contains("'layerwise-no-such-dot' program could not be started")
        && e.getMessage().contains("apt-get install graphviz"), e.getMessage());
    assertEquals("the old picture", Files.readString(png));
    assertEquals(1, listing().length, "no temporary file is left: " + Arrays.toString(listing()));
  }

  @Test
  void aFailingProgramIsReportedWithItsExitCodeAndTheOldFileIsKept() throws IOException {
    assumeTrue(Files.isExecutable(Path.of("/bin/false")), "needs /bin/false to stand for a failing dot");
    Path png = dir.resolve("model.png");
    Files.writeString(png, "the old picture");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> ModelPlot.plot(FunctionalSummaryTest.residual().toDot(), png, "/bin/false"));
    assertTrue(e.getMessage().contains("'/bin/false -Tpng' failed (exit code 1)"), e.getMessage());
    assertEquals("the old picture", Files.readString(png));
    assertEquals(1, listing().length, "no temporary file is left: " + Arrays.toString(listing()));
  }

  @Test
  void anUnknownExtensionIsRefusedBeforeAnythingRuns() {
    Path gif = dir.resolve("model.gif");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FunctionalSummaryTest.residual().plot(gif));
    assertTrue(e.getMessage().contains("model.gif") && e.getMessage().contains("[png, svg, pdf]"), e.getMessage());
    assertFalse(Files.exists(gif));
  }

  private String[] listing() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toArray(String[]::new);
    }
  }
}
