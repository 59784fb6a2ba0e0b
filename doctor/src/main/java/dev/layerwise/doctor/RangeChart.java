package dev.layerwise.doctor;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The range test's chart (XChart): each update's loss (thin, grey) and the smoothed loss (bold) against the rate on a
 * logarithmic axis, with vertical lines at the suggestion and at the smoothed loss's minimum. The loss axis stops at
 * the higher of the start loss and {@code divergenceFactor} × the lowest smoothed loss, plus a tenth: the exploding
 * last losses would otherwise flatten everything else into the bottom line. Losses above it are drawn at it.
 */
final class RangeChart {
  private static final int WIDTH = 800;
  private static final int HEIGHT = 500;

  private RangeChart() {}

  static XYChart of(RangeTestResult r) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Learning-rate range test (" + r.optimizer() + ", batch " + r.options().batchSize() + ")")
        .xAxisTitle("learning rate").yAxisTitle("loss").build();
    chart.getStyler().setXAxisLogarithmic(true).setXAxisDecimalPattern("0.#E0");
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    double[] rates = r.rates();
    if (rates.length < 2) {
      return chart; // nothing to draw (XChart needs a series to have points)
    }
    double top = r.startLoss();
    double bottom = Double.POSITIVE_INFINITY;
    for (double v : r.smoothed()) {
      bottom = Math.min(bottom, v);
    }
    for (double v : r.losses()) {
      bottom = Math.min(bottom, v);
    }
    top = 1.1 * Math.max(top, r.options().divergenceFactor() * r.lowestLoss());
    bottom = Math.max(0, bottom - 0.05 * (top - bottom));
    chart.getStyler().setYAxisMin(bottom).setYAxisMax(top);

    XYSeries raw = chart.addSeries("loss after each update", rates, capped(r.losses(), top));
    raw.setMarker(SeriesMarkers.NONE);
    raw.setLineColor(new Color(0xB0B0B0));
    raw.setLineWidth(1);
    XYSeries smooth = chart.addSeries("smoothed (β = " + r.options().beta() + ")", rates, capped(r.smoothed(), top));
    smooth.setMarker(SeriesMarkers.NONE);
    smooth.setLineColor(new Color(0x1F77B4));
    smooth.setLineWidth(2.5f);
    if (Double.isFinite(r.minimumRate())) {
      vertical(chart, String.format(Locale.ROOT, "lowest smoothed loss, rate %.2g", r.minimumRate()),
          r.minimumRate(), bottom, top, new Color(0x7F7F7F));
    }
    if (Double.isFinite(r.suggestion()) && r.suggestion() >= rates[0]) {
      vertical(chart, String.format(Locale.ROOT, "suggestion %.2g (lowest / 10)", r.suggestion()), r.suggestion(),
          bottom, top, new Color(0xD62728));
    }
    return chart;
  }

  private static void vertical(XYChart chart, String name, double x, double bottom, double top, Color color) {
    XYSeries line = chart.addSeries(name, new double[] {x, x}, new double[] {bottom, top});
    line.setMarker(SeriesMarkers.NONE);
    line.setLineColor(color);
    line.setLineStyle(SeriesLines.DASH_DASH);
  }

  private static double[] capped(double[] values, double top) {
    double[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = Double.isFinite(out[i]) ? Math.min(out[i], top) : top;
    }
    return out;
  }

  /** The chart as a PNG; sets {@code java.awt.headless} so a machine without a display draws it too. */
  static void writePng(XYChart chart, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Path parent = png.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream out = Files.newOutputStream(png)) {
      BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    }
  }
}
