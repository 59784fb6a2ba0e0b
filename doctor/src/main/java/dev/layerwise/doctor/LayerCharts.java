package dev.layerwise.doctor;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

/**
 * Numbers per layer, in model order (give a {@link java.util.LinkedHashMap} in the order of the layers):
 *
 * <ul>
 *   <li>{@link #bars}: one number per layer, e.g. the standard deviation of each layer's activations. Healthy
 *       activations keep their scale from layer to layer; bars that shrink (or grow) by a factor per layer on a log
 *       axis are the vanishing (exploding) signal of a too small (too large) initialisation.
 *   <li>{@link #lines}: a series per layer over steps, e.g. each layer's update-to-weight ratio ‖Δw‖/‖w‖ over
 *       the first steps, with a guide line at the healthy value (about 1e-3 for that ratio): layers far below it barely
 *       learn (rate too low for them), far above it are thrown around (rate too high).
 * </ul>
 * Non-finite values are left out: a layer's bar is missing (the chart's title says which), a line's points are
 * missing (its legend entry says how many). On a log axis a value ≤ 0 is refused, naming the layer.
 */
public final class LayerCharts {
  private LayerCharts() {}

  /**
   * A bar per layer, in the map's order.
   *
   * @throws IllegalArgumentException when empty, or {@code logY} and a finite value is ≤ 0 (naming the layer)
   */
  public static CategoryChart bars(String title, String yLabel, Map<String, Double> perLayer, boolean logY) {
    checkArgument(!perLayer.isEmpty(), "LayerCharts: chart '%s' has no layer", title);
    List<String> names = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    List<String> leftOut = new ArrayList<>();
    for (Map.Entry<String, Double> e : perLayer.entrySet()) {
      double v = e.getValue();
      if (!Double.isFinite(v)) {
        leftOut.add(e.getKey());
        continue;
      }
      if (logY) {
        Charts.refuseNonPositive(title, e.getKey(), new double[] {v});
      }
      names.add(e.getKey());
      values.add(v);
    }
    checkArgument(!names.isEmpty(), "LayerCharts: chart '%s' has no finite value (%s layers)", title,
        perLayer.size());
    String shown = leftOut.isEmpty() ? title
        : String.format(Locale.ROOT, "%s (non-finite, left out: %s)", title, String.join(", ", leftOut));
    CategoryChart chart = Charts.bars(shown, "layer", yLabel, logY);
    if (logY) {
      // bars grow from the axis's bottom: XChart would put it at 0, which a log axis has not; a whole decade below
      // the smallest value instead (and the top at a whole decade)
      double lo = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      double hi = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(lo))));
      chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(hi) + 1e-9)));
    }
    chart.addSeries(yLabel, names, values);
    return chart;
  }

  /** {@link #lines(String, String, String, Map, boolean, double)} without a guide line. */
  public static XYChart lines(String title, String xLabel, String yLabel, Map<String, double[]> seriesPerLayer,
      boolean logY) {
    return lines(title, xLabel, yLabel, seriesPerLayer, logY, Double.NaN);
  }

  /**
   * A line per layer, in the map's order, against x = 1, 2, … (steps); with a dashed horizontal guide at
   * {@code guide} unless it is NaN.
   *
   * @throws IllegalArgumentException when empty, or {@code logY} and a finite value (or the guide) is ≤ 0, naming
   *     the layer
   */
  public static XYChart lines(String title, String xLabel, String yLabel, Map<String, double[]> seriesPerLayer,
      boolean logY, double guide) {
    checkArgument(!seriesPerLayer.isEmpty(), "LayerCharts: chart '%s' has no layer", title);
    XYChart chart = Charts.xy(title, xLabel, yLabel, logY);
    int longest = 1;
    for (Map.Entry<String, double[]> e : seriesPerLayer.entrySet()) {
      Charts.line(chart, e.getKey(), e.getValue());
      longest = Math.max(longest, e.getValue().length);
    }
    if (!Double.isNaN(guide)) {
      Charts.horizontalGuide(chart, "guide " + Charts.number(guide), guide, 1, longest);
    }
    return chart;
  }
}
