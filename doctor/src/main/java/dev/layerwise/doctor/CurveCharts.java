package dev.layerwise.doctor;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.History;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;

/**
 * The learning curves of a {@link History}, one value per epoch, as the course reads them ({@link CurveReading} puts
 * the same readings into words).
 *
 * <ul>
 *   <li>{@link #loss}: the training loss and, when the fit validated, the validation loss per epoch. Both should
 *       fall. A dashed vertical line marks the epoch of the lowest validation loss: when it stands before the last
 *       epoch and the training loss keeps falling to its right, the model started to overfit there (the gap between
 *       the curves widens); a training curve that is flat, rising or only falls after a slow start is the
 *       rate's or the initialisation's fault (see {@link CurveReading}).
 *   <li>{@link #metrics}: one chart per metric ({@code accuracy}, …), training against validation: a validation
 *       accuracy that stalls while the training accuracy climbs is the same overfitting seen in the metric.
 * </ul>
 * Epochs are the history's own numbers ({@link History#epochNumbers()}: a resumed fit starts after 1). Non-finite
 * values (a diverged epoch) are left out, and the legend says how many.
 */
public final class CurveCharts {
  private CurveCharts() {}

  /**
   * The training and (if recorded) validation loss per epoch, with the epoch of the lowest validation loss marked.
   *
   * @throws IllegalArgumentException when the history has no {@code loss}
   */
  public static XYChart loss(History history) {
    checkArgument(history.keys().contains("loss"), "CurveCharts: the history has no 'loss'; keys: %s",
        history.keys());
    XYChart chart = Charts.xy("Loss per epoch", "epoch", "loss", false);
    double[] epochs = epochs(history);
    Charts.line(chart, "training loss", epochs, history.get("loss"));
    if (history.keys().contains("val_loss")) {
      Charts.line(chart, "validation loss", epochs, history.get("val_loss"));
      OptionalInt turn = turnEpoch(history);
      if (turn.isPresent()) {
        chart.addAnnotation(new AnnotationLine(turn.getAsInt(), true, false));
        double[] val = history.get("val_loss");
        double top = max(history.get("loss"), val);
        // XChart centres the text on its point: keep it off the plot's edges when the turn is at either end
        double first = epochs[0];
        double last = epochs[epochs.length - 1];
        double centre = Math.min(Math.max(turn.getAsInt(), first + 0.2 * (last - first)), last - 0.2 * (last - first));
        AnnotationText label = new AnnotationText(String.format(Locale.ROOT, "lowest validation loss: epoch %d",
            turn.getAsInt()), centre, top, false);
        chart.addAnnotation(label);
      }
    }
    return chart;
  }

  /**
   * The epoch (its number in {@link History#epochNumbers()}) of the lowest finite {@code val_loss}, the first if
   * several tie; empty without validation or without a finite value.
   */
  static OptionalInt turnEpoch(History history) {
    if (!history.keys().contains("val_loss")) {
      return OptionalInt.empty();
    }
    double[] val = history.get("val_loss");
    int best = -1;
    for (int e = 0; e < val.length; e++) {
      if (Double.isFinite(val[e]) && (best < 0 || val[e] < val[best])) {
        best = e;
      }
    }
    return best < 0 ? OptionalInt.empty() : OptionalInt.of(history.epochNumbers()[best]);
  }

  /**
   * One chart per metric of the history, training against validation when validated: every key but the losses
   * ({@code loss}, {@code regularization_loss}, the outputs' {@code <output>_loss}), {@code learning_rate} (see
   * {@link RateCharts}) and the {@code val_} keys, in the history's order.
   */
  public static List<XYChart> metrics(History history) {
    double[] epochs = epochs(history);
    List<XYChart> charts = new ArrayList<>();
    for (String key : history.keys()) {
      if (key.startsWith("val_") || key.equals("learning_rate") || key.equals("loss") || key.endsWith("_loss")) {
        continue;
      }
      XYChart chart = Charts.xy(key + " per epoch", "epoch", key, false);
      Charts.line(chart, "training " + key, epochs, history.get(key));
      if (history.keys().contains("val_" + key)) {
        Charts.line(chart, "validation " + key, epochs, history.get("val_" + key));
      }
      charts.add(chart);
    }
    return charts;
  }

  /** {@link #loss} then {@link #metrics}, as figures of an {@link HtmlReport}, captioned with how to read each. */
  public static List<HtmlReport.Figure> figures(History history) {
    List<HtmlReport.Figure> figures = new ArrayList<>();
    figures.add(new HtmlReport.Figure("The loss per epoch. Both curves should fall; the dashed line marks the lowest"
        + " validation loss: training loss still falling to its right means overfitting from there.",
        loss(history)));
    for (XYChart chart : metrics(history)) {
      figures.add(new HtmlReport.Figure(chart.getTitle() + ", training against validation: a widening gap is"
          + " overfitting.", chart));
    }
    return figures;
  }

  private static double[] epochs(History history) {
    int[] numbers = history.epochNumbers();
    double[] x = new double[numbers.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = numbers[i];
    }
    return x;
  }

  private static double max(double[] a, double[] b) {
    double m = Double.NEGATIVE_INFINITY;
    for (double[] values : List.of(a, b)) {
      for (double v : values) {
        if (Double.isFinite(v)) {
          m = Math.max(m, v);
        }
      }
    }
    return m;
  }
}
