package dev.layerwise.tuning;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.doctor.Charts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A study drawn with the doctor's charting (XChart): the objective against each numeric hyperparameter — a point per
 * finished trial, on a log axis for the parameters sampled on a log scale, so a region where the good trials gather
 * shows where to zoom in next (coarse to fine) — and the best trial's curves.
 */
public final class StudyCharts {
  private StudyCharts() {}

  /**
   * One scatter chart per numeric hyperparameter that some finished trial has, in the order of the table.
   *
   * @param logScale the parameters sampled on a log scale: their axis is logarithmic
   */
  public static List<XYChart> objectiveAgainstEach(ResultsTable table, String objective, Set<String> logScale) {
    List<XYChart> charts = new ArrayList<>();
    List<TrialSummary> done = table.rows().stream().filter(t -> !Double.isNaN(t.objective())).toList();
    for (String p : table.header()) {
      List<double[]> points = new ArrayList<>();
      for (TrialSummary t : done) {
        if (t.params().get(p) instanceof Number n) {
          points.add(new double[] {n.doubleValue(), t.objective()});
        }
      }
      if (points.isEmpty()) {
        continue;
      }
      XYChart c = Charts.xy(objective + " against " + p, p, objective, false);
      c.getStyler().setXAxisLogarithmic(logScale.contains(p));
      double[] x = points.stream().mapToDouble(v -> v[0]).toArray();
      double[] y = points.stream().mapToDouble(v -> v[1]).toArray();
      checkArgument(!logScale.contains(p) || java.util.Arrays.stream(x).allMatch(v -> v > 0),
          "StudyCharts: parameter '%s' is on a log scale but a trial has a value ≤ 0", p);
      XYSeries s = c.addSeries("trials", x, y);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      s.setMarker(SeriesMarkers.CIRCLE);
      c.getStyler().setLegendVisible(false);
      charts.add(c);
    }
    return charts;
  }

  /**
   * A trial's curves with its interventions marked (the panda's): a dashed vertical line after each epoch where the
   * rate or the batch size was changed, labelled with the change.
   */
  public static XYChart curvesWithInterventions(String title, Map<String, double[]> perEpoch,
      List<dev.layerwise.tuning.journal.Intervention> interventions) {
    XYChart c = curves(title, perEpoch);
    double top = perEpoch.values().stream().flatMapToDouble(java.util.Arrays::stream).filter(Double::isFinite)
        .max().orElse(1);
    for (dev.layerwise.tuning.journal.Intervention i : interventions) {
      c.addAnnotation(new org.knowm.xchart.AnnotationLine(i.afterEpoch() + 0.5, true, false));
      c.addAnnotation(new org.knowm.xchart.AnnotationText(i.changes().toString(), i.afterEpoch() + 0.5, top, false));
    }
    return c;
  }

  /** The best trial's curves per epoch: each named series (e.g. {@code loss}, {@code val_loss}) as a line. */
  public static XYChart curves(String title, Map<String, double[]> perEpoch) {
    checkArgument(!perEpoch.isEmpty(), "StudyCharts: no curve to draw for '%s'", title);
    XYChart c = Charts.xy(title, "epoch", "value", false);
    perEpoch.forEach((name, values) -> Charts.line(c, name, values));
    return c;
  }
}
