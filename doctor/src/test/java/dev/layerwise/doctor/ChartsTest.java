package dev.layerwise.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.History;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/** Every chart of the doctor written as a PNG, read back: the size asked for, and something drawn on it. */
class ChartsTest {
  /** A history of 8 epochs whose validation loss is lowest at epoch 5, with accuracy. */
  static History history() {
    double[] loss = {1.9, 1.2, 0.9, 0.7, 0.55, 0.45, 0.38, 0.33};
    double[] val = {1.8, 1.3, 1.05, 0.95, 0.92, 0.97, 1.04, 1.12};
    double[] acc = {0.45, 0.62, 0.70, 0.76, 0.81, 0.85, 0.88, 0.90};
    double[] valAcc = {0.47, 0.60, 0.67, 0.70, 0.71, 0.70, 0.70, 0.69};
    History h = new History();
    for (int e = 0; e < loss.length; e++) {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("loss", loss[e]);
      m.put("accuracy", acc[e]);
      m.put("learning_rate", 1e-3);
      m.put("val_loss", val[e]);
      m.put("val_accuracy", valAcc[e]);
      h.add(m);
    }
    return h;
  }

  /** Writes the chart, reads it back and checks its size and that it is a drawing, not a blank canvas. */
  static BufferedImage assertDrawn(Chart<?, ?> chart, Path png) throws IOException {
    Path written = Charts.writePng(chart, png);
    assertEquals(png.toAbsolutePath(), written);
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(Charts.WIDTH, image.getWidth());
    assertEquals(Charts.HEIGHT, image.getHeight());
    assertNotBlank(image, png);
    return image;
  }

  static void assertNotBlank(BufferedImage image, Path png) {
    int background = image.getRGB(1, 1);
    Set<Integer> colours = new HashSet<>();
    int differing = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        colours.add(rgb);
        differing += rgb != background ? 1 : 0;
      }
    }
    // text, lines and markers in a few colours, anti-aliased: hundreds of shades, thousands of pixels
    assertTrue(colours.size() > 50, png + " has only " + colours.size() + " colours");
    assertTrue(differing > 5000, png + " differs from its background in only " + differing + " pixels");
  }

  @Test
  void everyChartIsWrittenAtItsSizeAndNotBlank(@TempDir Path dir) throws IOException {
    History h = history();
    assertDrawn(CurveCharts.loss(h), dir.resolve("loss.png"));
    List<XYChart> metrics = CurveCharts.metrics(h);
    assertEquals(1, metrics.size(), "only accuracy: no chart of the losses or of learning_rate");
    assertEquals("accuracy per epoch", metrics.get(0).getTitle());
    assertDrawn(metrics.get(0), dir.resolve("accuracy.png"));

    double[] rates = new double[200];
    for (int i = 0; i < rates.length; i++) {
      rates[i] = 1e-2 * Math.pow(0.97, i);            // 1e-2 down to 2.4e-5: a log axis
    }
    assertTrue(RateCharts.logScale(rates));
    assertDrawn(RateCharts.perStep(rates), dir.resolve("rates.png"));

    Map<String, Double> std = new LinkedHashMap<>();
    for (int k = 1; k <= 10; k++) {
      std.put("hidden_" + k, Math.pow(0.2, k));
    }
    assertDrawn(LayerCharts.bars("Activation std per layer", "std", std, true), dir.resolve("bars.png"));

    Map<String, double[]> ratios = new LinkedHashMap<>();
    for (int k = 1; k <= 3; k++) {
      double[] r = new double[30];
      for (int t = 0; t < r.length; t++) {
        r[t] = Math.pow(10, -k - 1) * (1 + 0.5 * Math.sin(t + k));
      }
      ratios.put("dense_" + k, r);
    }
    assertDrawn(LayerCharts.lines("Update/weight ratio per layer", "step", "‖Δw‖/‖w‖", ratios, true, 1e-3),
        dir.resolve("ratios.png"));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(5, files.count(), "no temporary file is left beside the PNGs");
    }
  }

  @Test
  void theRateAxisIsLogarithmicOnlyForPositiveRatesSpanningMoreThanTenTimes() {
    assertFalse(RateCharts.logScale(new double[] {1e-3, 1e-3, 5e-3}));
    assertTrue(RateCharts.logScale(new double[] {1e-3, 2e-5}));
    assertFalse(RateCharts.logScale(new double[] {0, 1e-5, 1e-3}), "a warm-up from 0 stays linear");
    assertFalse(RateCharts.perStep(new double[] {0, 1e-3}).getStyler().isYAxisLogarithmic());
  }

  @Test
  void aLogAxisRefusesAZeroNamingChartAndSeries() {
    Map<String, Double> std = new LinkedHashMap<>();
    std.put("dense", 0.5);
    std.put("dead_relu", 0.0);
    IllegalArgumentException bars = assertThrows(IllegalArgumentException.class,
        () -> LayerCharts.bars("Activation std", "std", std, true));
    assertTrue(bars.getMessage().contains("'dead_relu'") && bars.getMessage().contains("'Activation std'"),
        bars.getMessage());

    Map<String, double[]> lines = Map.of("conv_1", new double[] {1e-3, 0, 2e-3});
    IllegalArgumentException line = assertThrows(IllegalArgumentException.class,
        () -> LayerCharts.lines("Ratios", "step", "ratio", lines, true));
    assertTrue(line.getMessage().contains("'conv_1'") && line.getMessage().contains("point 2"), line.getMessage());
    // a linear axis takes the zero
    LayerCharts.bars("Activation std", "std", std, false);
  }

  @Test
  void aSeriesAddedPastTheDoctorIsCheckedWhenWritten(@TempDir Path dir) {
    XYChart chart = Charts.xy("Raw", "x", "y", true);
    chart.addSeries("by hand", new double[] {1, 2}, new double[] {1, -1});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Charts.writePng(chart, dir.resolve("raw.png")));
    assertTrue(e.getMessage().contains("'by hand'"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("raw.png")));
  }

  @Test
  void nonFinitePointsAreLeftOutAndTheLegendSaysSo(@TempDir Path dir) throws IOException {
    XYChart chart = Charts.xy("Loss", "step", "loss", false);
    Charts.line(chart, "loss", new double[] {2.3, Double.NaN, 1.9, Double.POSITIVE_INFINITY, 1.5});
    assertEquals("loss (2 non-finite left out)", chart.getSeriesMap().get("loss").getLabel());
    assertEquals(3, chart.getSeriesMap().get("loss").getYData().length);
    assertDrawn(chart, dir.resolve("loss.png"));
  }

  @Test
  void aFileThatCannotBeWrittenIsNamedInTheError(@TempDir Path dir) throws IOException {
    Path blocker = Files.writeString(dir.resolve("not-a-dir"), "a file");
    Path png = blocker.resolve("chart.png");
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> Charts.writePng(CurveCharts.loss(history()), png));
    assertTrue(e.getMessage().contains(png.toString()), e.getMessage());
  }

  @Test
  void panelsAreWrittenSideBySide(@TempDir Path dir) throws IOException {
    XYChart left = Charts.xy("left", "x", "y", false, 400, 300);
    Charts.line(left, "a", new double[] {1, 2, 3});
    XYChart right = Charts.xy("right", "x", "y", true, 400, 300);
    Charts.line(right, "b", new double[] {1, 10, 100});
    Path png = Charts.writePng("Two panels", List.of(left, right), 2, dir.resolve("panels.png"));
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(800, image.getWidth());
    assertTrue(image.getHeight() > 300 && image.getHeight() < 350, "a heading line above: " + image.getHeight());
    assertNotBlank(image, png);
  }

  @Test
  void labelNumbersAreShort() {
    assertEquals("1e-7", Charts.number(1e-7));
    assertEquals("2.5e-5", Charts.number(2.5e-5));
    assertEquals("0.001", Charts.number(0.001));
    assertEquals("0.25", Charts.number(0.25));
    assertEquals("1", Charts.number(1));
    assertEquals("1e12", Charts.number(1e12));
    assertEquals("0", Charts.number(0));
  }
}
