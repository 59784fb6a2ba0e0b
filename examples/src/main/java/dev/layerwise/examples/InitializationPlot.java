package dev.layerwise.examples;

import static dev.layerwise.examples.InitializationExperiment.ACTIVATIONS;
import static dev.layerwise.examples.InitializationExperiment.INITS;
import static dev.layerwise.examples.InitializationExperiment.LAYERS;
import static dev.layerwise.examples.InitializationExperiment.SATURATION;

import dev.layerwise.examples.InitializationExperiment.Init;
import dev.layerwise.examples.InitializationExperiment.LayerStats;
import dev.layerwise.examples.InitializationExperiment.Result;
import dev.layerwise.examples.InitializationExperiment.Run;
import dev.layerwise.layers.ActivationFn;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * The plot of {@link InitializationExperiment}: two panels (tanh, ReLU), the std of each hidden layer's activations
 * on a log scale, a line per initializer.
 */
final class InitializationPlot {
  private static final Color[] COLORS = {new Color(0xD62728), new Color(0x1F77B4), new Color(0x2CA02C),
      new Color(0x9467BD)};
  private static final int PANEL_W = 520;
  private static final int MARGIN_L = 86;
  private static final int MARGIN_R = 24;
  /** Top of the plotting areas, below the title and the panel titles. */
  private static final int PLOT_TOP = 70;
  private static final int PLOT_H = 330;
  private static final int HEIGHT = PLOT_TOP + PLOT_H + 95;

  private InitializationPlot() {}

  /** Writes the plot as a PNG (headless AWT). */
  static void write(Result result, Path png) {
    System.setProperty("java.awt.headless", "true");
    int width = ACTIVATIONS.size() * PANEL_W;
    BufferedImage image = new BufferedImage(width, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, HEIGHT);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
      centered(g, "Std of each hidden layer's activations at initialisation (10 × 512 units, 1,000 N(0, 1) inputs)",
          width / 2, 26);
      for (int p = 0; p < ACTIVATIONS.size(); p++) {
        panel(g, result, ACTIVATIONS.get(p), p * PANEL_W);
      }
      legend(g, width, HEIGHT - 18);
    } finally {
      g.dispose();
    }
    try {
      Path parent = png.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      ImageIO.write(image, "png", png.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + png, e);
    }
  }

  private static void panel(Graphics2D g, Result result, ActivationFn activation, int x0) {
    int left = x0 + MARGIN_L;
    int right = x0 + PANEL_W - MARGIN_R;
    int top = PLOT_TOP;
    int bottom = PLOT_TOP + PLOT_H;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Run r : result.runs()) {
      if (r.activation() == activation) {
        for (LayerStats s : r.layers()) {
          lo = Math.min(lo, Math.log10(Math.max(s.std(), 1e-30)));
          hi = Math.max(hi, Math.log10(Math.max(s.std(), 1e-30)));
        }
      }
    }
    int decadeLo = (int) Math.ceil(lo - 0.04 * Math.max(hi - lo, 1));
    int decadeHi = (int) Math.floor(hi + 0.04 * Math.max(hi - lo, 1));
    int span = decadeHi - decadeLo;
    int labelEvery = span <= 8 ? 1 : span <= 16 ? 2 : 4;
    // a little headroom so that no line runs along the frame
    double pad = 0.04 * Math.max(hi - lo, 1);
    double yLo = lo - pad;
    double yHi = hi + pad;
    DoubleUnaryOperator yOf = v ->
        bottom - (Math.log10(Math.max(v, 1e-30)) - yLo) / (yHi - yLo) * (bottom - top);
    IntToDoubleFunction xOf = k -> left + (k - 1) * (right - left) / (double) (LAYERS - 1);

    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.setColor(Color.BLACK);
    centered(g, activation == ActivationFn.TANH ? "tanh" : "ReLU", (left + right) / 2, top - 10);

    // grid and ticks
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    Stroke thin = new BasicStroke(1f);
    for (int d = decadeLo; d <= decadeHi; d++) {
      if (Math.floorMod(d, labelEvery) != 0 && span > 24) {
        continue;
      }
      int y = (int) Math.round(yOf.applyAsDouble(Math.pow(10, d)));
      g.setColor(Math.floorMod(d, labelEvery) == 0 ? new Color(0xDDDDDD) : new Color(0xF0F0F0));
      g.setStroke(thin);
      g.drawLine(left, y, right, y);
      if (Math.floorMod(d, labelEvery) == 0) {
        g.setColor(Color.BLACK);
        String label = d == 0 ? "1" : "1e" + d;
        FontMetrics fm = g.getFontMetrics();
        g.drawString(label, left - 8 - fm.stringWidth(label), y + fm.getAscent() / 2 - 1);
      }
    }
    for (int k = 1; k <= LAYERS; k++) {
      int x = (int) Math.round(xOf.applyAsDouble(k));
      g.setColor(new Color(0xF0F0F0));
      g.drawLine(x, top, x, bottom);
      g.setColor(Color.BLACK);
      centered(g, Integer.toString(k), x, bottom + 18);
    }
    g.setColor(Color.BLACK);
    g.drawRect(left, top, right - left, bottom - top);

    // axis labels
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    centered(g, "hidden layer", (left + right) / 2, bottom + 38);
    AffineTransform saved = g.getTransform();
    g.rotate(-Math.PI / 2);
    centered(g, "std of activations (log scale)", -(top + bottom) / 2, x0 + 22);
    g.setTransform(saved);

    // one line per initializer
    g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    for (int i = 0; i < INITS.size(); i++) {
      Run r = result.run(activation, INITS.get(i).label());
      Path2D line = new Path2D.Double();
      for (LayerStats s : r.layers()) {
        double x = xOf.applyAsDouble(s.layer());
        double y = yOf.applyAsDouble(s.std());
        if (s.layer() == 1) {
          line.moveTo(x, y);
        } else {
          line.lineTo(x, y);
        }
      }
      g.setColor(COLORS[i]);
      g.draw(line);
      for (LayerStats s : r.layers()) {
        int x = (int) Math.round(xOf.applyAsDouble(s.layer()));
        int y = (int) Math.round(yOf.applyAsDouble(s.std()));
        g.fillOval(x - 4, y - 4, 8, 8);
      }
    }
    if (activation == ActivationFn.TANH) {
      int i = 1; // N(0, 1)
      annotateSaturation(g, result.run(activation, INITS.get(i).label()), right,
          (int) Math.round(yOf.applyAsDouble(Math.pow(10, -1.6))), COLORS[i]);
    }
  }

  /** The saturation tanh hides behind a healthy-looking std of about 1. */
  private static void annotateSaturation(Graphics2D g, Run run, int right, int y, Color color) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    g.setColor(color);
    String[] lines = {
        String.format(Locale.ROOT, "%s: %.0f%% of |a| > %s in layer %d:", run.init().label(),
            100 * run.last().saturated(), SATURATION, LAYERS),
        "saturated, so tanh\u2032 \u2248 0 and gradients vanish"};
    FontMetrics fm = g.getFontMetrics();
    for (int i = 0; i < lines.length; i++) {
      g.drawString(lines[i], right - 10 - fm.stringWidth(lines[i]), y + i * (fm.getHeight() + 1));
    }
  }

  private static void legend(Graphics2D g, int width, int y) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    FontMetrics fm = g.getFontMetrics();
    int item = 0;
    for (Init init : INITS) {
      item += 34 + fm.stringWidth(init.label()) + 28;
    }
    int x = (width - item) / 2;
    g.setStroke(new BasicStroke(2.5f));
    for (int i = 0; i < INITS.size(); i++) {
      g.setColor(COLORS[i]);
      g.drawLine(x, y - 5, x + 26, y - 5);
      g.fillOval(x + 9, y - 9, 8, 8);
      g.setColor(Color.BLACK);
      g.drawString(INITS.get(i).label(), x + 34, y);
      x += 34 + fm.stringWidth(INITS.get(i).label()) + 28;
    }
  }

  private static void centered(Graphics2D g, String s, int cx, int baseline) {
    g.drawString(s, cx - g.getFontMetrics().stringWidth(s) / 2, baseline);
  }
}
