package dev.layerwise.examples;

import static dev.layerwise.examples.InitializationExperiment.ACTIVATIONS;
import static dev.layerwise.examples.InitializationExperiment.INITS;
import static dev.layerwise.examples.InitializationExperiment.LAYERS;
import static dev.layerwise.examples.InitializationExperiment.SATURATION;

import dev.layerwise.doctor.Charts;
import dev.layerwise.examples.InitializationExperiment.LayerStats;
import dev.layerwise.examples.InitializationExperiment.Result;
import dev.layerwise.examples.InitializationExperiment.Run;
import dev.layerwise.layers.ActivationFn;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;

/**
 * The plot of {@link InitializationExperiment}: two panels (tanh, ReLU), the std of each hidden layer's activations
 * on a log scale against the layer, a line per initializer. A line that falls layer after layer is a signal that
 * vanishes (N(0, 0.01²)); one that climbs, a signal that explodes (N(0, 1) with ReLU); a flat one keeps its scale
 * (Glorot with tanh, He with ReLU). The flat N(0, 1) line of tanh hides saturation, which the panel's note gives.
 * Drawn with XChart in the doctor's style ({@link Charts}).
 */
final class InitializationPlot {
  /** The initializers' colours, in {@link InitializationExperiment#INITS} order (as the guide's text names them). */
  private static final Color[] COLORS = {new Color(0xD62728), new Color(0x1F77B4), new Color(0x2CA02C),
      new Color(0x9467BD)};
  private static final int PANEL_W = 520;
  private static final int PANEL_H = 480;

  private InitializationPlot() {}

  /** Writes the plot as a PNG, two panels side by side (headless: no display needed). */
  static void write(Result result, Path png) {
    System.setProperty("java.awt.headless", "true");
    List<XYChart> panels = new ArrayList<>();
    for (ActivationFn activation : ACTIVATIONS) {
      panels.add(panel(result, activation));
    }
    Charts.writePng("Std of each hidden layer's activations at initialisation (10 × 512 units, 1,000 N(0, 1) inputs)",
        panels, panels.size(), png);
  }

  private static XYChart panel(Result result, ActivationFn activation) {
    XYChart chart = Charts.xy(activation == ActivationFn.TANH ? "tanh" : "ReLU", "hidden layer",
        "std of activations (log scale)", true, PANEL_W, PANEL_H);
    chart.getStyler().setSeriesColors(COLORS);
    chart.getStyler().setXAxisDecimalPattern("0");
    chart.getStyler().setXAxisMin(1.0);
    chart.getStyler().setXAxisMax((double) LAYERS);
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (int i = 0; i < INITS.size(); i++) {
      Run r = result.run(activation, INITS.get(i).label());
      double[] layer = new double[r.layers().size()];
      double[] std = new double[layer.length];
      for (int k = 0; k < layer.length; k++) {
        LayerStats s = r.layers().get(k);
        layer[k] = s.layer();
        std[k] = s.std();
        lo = Math.min(lo, s.std());
        hi = Math.max(hi, s.std());
      }
      Charts.line(chart, INITS.get(i).label(), layer, std);
    }
    // whole decades at both ends, so that the axis's labels frame the lines
    chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(lo))));
    chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(hi))));
    if (activation == ActivationFn.TANH) {
      annotateSaturation(chart, result.run(activation, INITS.get(1).label()), COLORS[1]);
    }
    return chart;
  }

  /** The saturation tanh hides behind a healthy-looking std of about 1. */
  private static void annotateSaturation(XYChart chart, Run run, Color color) {
    chart.getStyler().setAnnotationTextFontColor(color);
    String first = String.format(Locale.ROOT, "%s: %.0f%% of |a| > %s in layer %d:", run.init().label(),
        100 * run.last().saturated(), SATURATION, LAYERS);
    String second = "saturated, so tanh\u2032 \u2248 0 and gradients vanish";
    // data coordinates: right of the middle, between the N(0, 1) line at 1 and the falling N(0, 0.01²) line
    chart.addAnnotation(new AnnotationText(first, 6.6, Math.pow(10, -1.4), false));
    chart.addAnnotation(new AnnotationText(second, 6.6, Math.pow(10, -1.75), false));
  }
}
