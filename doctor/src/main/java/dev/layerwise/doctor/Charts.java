package dev.layerwise.doctor;

import static com.google.common.base.Preconditions.checkArgument;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.Series;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The doctor's charts' shared style and their PNG files. Every chart is {@value #WIDTH}×{@value #HEIGHT} pixels,
 * white, with a title, axis titles, light horizontal grid lines and the legend below the plot (where it hides no
 * line); text is the JDK's sans-serif font (DejaVu Sans on Linux: {@code bin/ensure-packages} installs fontconfig
 * and fonts-dejavu-core, which a headless JDK needs to draw any text). A log y axis is labelled by decades
 * ({@code 1E-3}); over more than {@value #GRID_DECADES} decades it loses its grid lines (they would merge into grey).
 *
 * <h2>Values a chart cannot draw</h2>
 * {@link #line} leaves out the points whose x or y is NaN or ±∞ (a diverged step, an epoch without a validation
 * value) and says so in the series' legend entry ({@code "loss (2 non-finite left out)"}). On a logarithmic y axis a
 * value ≤ 0 has no place: {@link #line} and {@link #writePng} refuse it with an {@link IllegalArgumentException} that
 * names the chart and the series, rather than drop it silently (a zero rate or ratio is news, not noise).
 *
 * <p>Drawing needs no display: run with {@code -Djava.awt.headless=true} (the JDK also falls back to headless on
 * Linux when {@code DISPLAY} is unset).
 */
public final class Charts {
  /** Width of one chart, pixels. */
  public static final int WIDTH = 800;
  /** Height of one chart, pixels. */
  public static final int HEIGHT = 500;

  /** Matplotlib's first colours (tab10): distinct, and readable by most colour-blind readers in this order. */
  static final Color[] COLORS = {new Color(0x1F77B4), new Color(0xD62728), new Color(0x2CA02C),
      new Color(0x9467BD), new Color(0xFF7F0E), new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F),
      new Color(0xBCBD22), new Color(0x17BECF)};
  static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 17);
  /** Height of the heading line above panels, pixels. */
  private static final int HEADING_HEIGHT = 36;
  /** The colour of guide lines and markers that are not data. */
  static final Color GUIDE = new Color(0x555555);

  private Charts() {}

  /** An empty line chart in the doctor's style, {@value #WIDTH}×{@value #HEIGHT}. */
  public static XYChart xy(String title, String xLabel, String yLabel, boolean logY) {
    return xy(title, xLabel, yLabel, logY, WIDTH, HEIGHT);
  }

  /**
   * An empty line chart in the doctor's style, of the given size: a panel of
   * {@link #writePng(String, List, int, Path)}.
   */
  public static XYChart xy(String title, String xLabel, String yLabel, boolean logY, int width, int height) {
    XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
        .yAxisTitle(yLabel).build();
    style(chart.getStyler());
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setMarkerSize(6);
    return chart;
  }

  /** An empty bar chart in the doctor's style, {@value #WIDTH}×{@value #HEIGHT}. */
  public static CategoryChart bars(String title, String xLabel, String yLabel, boolean logY) {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
        .yAxisTitle(yLabel).build();
    style(chart.getStyler());
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setXAxisLabelRotation(45);
    return chart;
  }

  private static void style(AxesChartStyler s) {
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderColor(Color.DARK_GRAY);
    s.setChartFontColor(Color.BLACK);
    s.setChartTitleBoxVisible(false);
    s.setChartTitleFont(TITLE_FONT);
    s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    s.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    s.setAnnotationTextFontColor(GUIDE);
    s.setAnnotationLineColor(GUIDE);
    s.setAnnotationLineStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
        new float[] {6, 4}, 0));
    s.setLegendPosition(Styler.LegendPosition.OutsideS);
    s.setLegendLayout(Styler.LegendLayout.Horizontal);
    s.setLegendBorderColor(Color.WHITE);
    s.setPlotGridVerticalLinesVisible(false);
    s.setPlotGridLinesColor(new Color(0xEEEEEE));
    s.setPlotGridLinesStroke(new BasicStroke(1f));
    s.setXAxisTickMarkSpacingHint(90);
    s.setAxisTicksMarksVisible(true);
    s.setSeriesColors(COLORS);
    s.setToolTipsEnabled(false);
    s.setChartPadding(12);
    s.setLocale(Locale.ROOT);
    s.setAntiAlias(true);
  }

  /**
   * A log axis's decades as {@code 1E-7}, not XChart's plain {@code 0.0000001}. (Not through a tick-label function:
   * with one, XChart places linear ticks on the log axis.) Applied when drawn, so a log axis switched on later gets
   * it too; a pattern the caller set stays.
   */
  private static void exponentLabels(Chart<?, ?> chart) {
    if (chart.getStyler() instanceof AxesChartStyler s && s.isYAxisLogarithmic()
        && s.getYAxisDecimalPattern() == null && s.getyAxisTickLabelsFormattingFunction() == null) {
      s.setYAxisDecimalPattern("0.##E0");
    }
  }

  /**
   * Above this many decades on a log y axis the horizontal grid goes: XChart draws a line at every 2…9 × 10ᵏ too,
   * and over many decades they merge into grey bands (the decade labels remain).
   */
  static final double GRID_DECADES = 12;

  private static void thinGrid(Chart<?, ?> chart) {
    if (chart.getStyler() instanceof AxesChartStyler s && s.isYAxisLogarithmic()) {
      double lo = s.getYAxisMin() != null ? s.getYAxisMin() : Double.POSITIVE_INFINITY;
      double hi = s.getYAxisMax() != null ? s.getYAxisMax() : 0;
      for (Series series : chart.getSeriesMap().values()) {
        if (series instanceof XYSeries xy) {
          for (double y : xy.getYData()) {
            lo = Math.min(lo, y);
            hi = Math.max(hi, y);
          }
        }
      }
      if (hi > 0 && lo > 0 && Math.log10(hi / lo) > GRID_DECADES) {
        s.setPlotGridHorizontalLinesVisible(false);
      }
    }
  }

  /** A number in a label: 3 significant digits, in the {@code 1e-7} form outside [0.001, 10⁴). */
  static String number(double v) {
    double m = Math.abs(v);
    if (v == 0) {
      return "0";
    }
    if (m >= 1e-3 && m < 1e4) {
      String s = String.format(Locale.ROOT, "%.3g", v);
      return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
    String s = String.format(Locale.ROOT, "%.2e", v);
    String mantissa = s.substring(0, s.indexOf('e')).replaceAll("0+$", "").replaceAll("\\.$", "");
    int exponent = Integer.parseInt(s.substring(s.indexOf('e') + 1));
    return (mantissa.equals("1") ? "1" : mantissa) + "e" + exponent;
  }

  /**
   * Adds a line with round markers: the points whose x or y is not finite are left out, and the legend says how many;
   * on a logarithmic y axis a y ≤ 0 is refused.
   *
   * @throws IllegalArgumentException when the y axis is logarithmic and a finite y is ≤ 0, naming chart and series;
   *     when x and y differ in length
   */
  public static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
    checkArgument(x.length == y.length, "Charts: series '%s' of chart '%s' has %s x values but %s y values", name,
        chart.getTitle(), x.length, y.length);
    int finite = 0;
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        finite++;
      }
    }
    double[] fx = new double[finite];
    double[] fy = new double[finite];
    int j = 0;
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        fx[j] = x[i];
        fy[j++] = y[i];
      }
    }
    checkArgument(finite > 0, "Charts: series '%s' of chart '%s' has no finite point (%s points)", name,
        chart.getTitle(), x.length);
    if (chart.getStyler().isYAxisLogarithmic()) {
      refuseNonPositive(chart.getTitle(), name, fy);
    }
    XYSeries s = chart.addSeries(name, fx, fy);
    s.setMarker(SeriesMarkers.CIRCLE);
    if (finite < x.length) {
      s.setLabel(String.format(Locale.ROOT, "%s (%d non-finite left out)", name, x.length - finite));
    }
    return s;
  }

  /** {@link #line} with x = 1, 2, …, n (steps, layers). */
  public static XYSeries line(XYChart chart, String name, double[] y) {
    double[] x = new double[y.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = i + 1;
    }
    return line(chart, name, x, y);
  }

  /**
   * A dashed grey horizontal line at {@code y} from x = {@code from} to {@code to}, in the legend as {@code name}:
   * a series rather than an annotation, so that the axis range takes it in.
   */
  public static XYSeries horizontalGuide(XYChart chart, String name, double y, double from, double to) {
    if (chart.getStyler().isYAxisLogarithmic()) {
      refuseNonPositive(chart.getTitle(), name, new double[] {y});
    }
    XYSeries s = chart.addSeries(name, new double[] {from, to}, new double[] {y, y});
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(GUIDE);
    s.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
    return s;
  }

  static void refuseNonPositive(String chart, String series, double[] y) {
    for (int i = 0; i < y.length; i++) {
      if (y[i] <= 0) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "Charts: chart '%s' has a logarithmic y axis"
            + " but series '%s' has the value %s at point %d: a log axis needs values > 0", chart, series, y[i],
            i + 1));
      }
    }
  }

  /** Refuses, naming the series, any value ≤ 0 on a logarithmic axis (XChart's own message names neither). */
  private static void checkLogAxis(Chart<?, ?> chart) {
    if (chart.getStyler() instanceof AxesChartStyler s && s.isYAxisLogarithmic()) {
      for (Series series : chart.getSeriesMap().values()) {
        if (series instanceof XYSeries xy) {
          refuseNonPositive(chart.getTitle(), xy.getName(), xy.getYData());
        }
      }
    }
  }

  /** The chart drawn into an image of its size. */
  static BufferedImage image(Chart<?, ?> chart) {
    checkLogAxis(chart);
    exponentLabels(chart);
    thinGrid(chart);
    return BitmapEncoder.getBufferedImage(chart);
  }

  /**
   * Writes the chart as a PNG: into a temporary file beside {@code png}, then moved onto it, so that a reader never
   * sees half a file and a failed write leaves an older PNG as it was. Creates the parent directories.
   *
   * @throws UncheckedIOException naming the file when it cannot be written
   * @throws IllegalArgumentException when a log axis holds a value ≤ 0 (see the class comment)
   */
  public static Path writePng(Chart<?, ?> chart, Path png) {
    return writeImage(image(chart), png, "chart '" + chart.getTitle() + "'");
  }

  /**
   * Writes panels side by side as one PNG under a heading line, {@code columns} per row, each at its own size (make
   * them with {@link #xy(String, String, String, boolean, int, int)}); written as {@link #writePng(Chart, Path)}
   * writes.
   *
   * @param heading the line above the panels, in the charts' title font; empty for none
   */
  public static Path writePng(String heading, List<? extends Chart<?, ?>> panels, int columns, Path png) {
    checkArgument(!panels.isEmpty() && columns >= 1, "Charts: need at least one panel and one column, got %s"
        + " panels in %s columns", panels.size(), columns);
    int rows = (panels.size() + columns - 1) / columns;
    int cellW = panels.stream().mapToInt(Chart::getWidth).max().orElseThrow();
    int cellH = panels.stream().mapToInt(Chart::getHeight).max().orElseThrow();
    int top = heading.isEmpty() ? 0 : HEADING_HEIGHT;
    BufferedImage all = new BufferedImage(columns * cellW, top + rows * cellH, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = all.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, all.getWidth(), all.getHeight());
      if (!heading.isEmpty()) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(TITLE_FONT);
        int w = g.getFontMetrics().stringWidth(heading);
        g.drawString(heading, (all.getWidth() - w) / 2, top - 10);
      }
      for (int i = 0; i < panels.size(); i++) {
        g.drawImage(image(panels.get(i)), (i % columns) * cellW, top + (i / columns) * cellH, null);
      }
    } finally {
      g.dispose();
    }
    return writeImage(all, png, panels.size() + " panels");
  }

  private static Path writeImage(BufferedImage image, Path png, String what) {
    Path target = png.toAbsolutePath();
    Path tmp = null;
    try {
      Files.createDirectories(target.getParent());
      tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      if (!ImageIO.write(image, "png", tmp.toFile())) {
        throw new IOException("no PNG writer in this JDK");
      }
      try {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return target;
    } catch (IOException | RuntimeException e) {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      IOException io = e instanceof IOException i ? i : new IOException(e);
      throw new UncheckedIOException("Charts: cannot write " + what + " to " + target + ": " + e, io);
    }
  }
}
