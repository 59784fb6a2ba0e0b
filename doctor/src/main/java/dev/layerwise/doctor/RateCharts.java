package dev.layerwise.doctor;

import static com.google.common.base.Preconditions.checkArgument;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The learning rate of every step ({@link StepRates#rates()} or {@link dev.layerwise.History#learningRates()}):
 * a warm-up shows as a climb at the start, a decay schedule as a falling line, {@code ReduceLROnPlateau} as steps
 * down at the epochs where the validation loss stalled; a flat line is a constant rate. Read it next to the loss
 * curve: a loss that jumps or stalls where the rate changed points at the schedule.
 */
public final class RateCharts {
  /** Above this ratio of the largest to the smallest rate the y axis is logarithmic. */
  static final double LOG_SPAN = 10;

  private RateCharts() {}

  /**
   * The rate per step (x = 1, 2, …). The y axis is logarithmic when the rates are all &gt; 0 and the largest is more
   * than {@value #LOG_SPAN}× the smallest (a decay over decades reads as a line); linear otherwise, also when a rate
   * is 0 (a warm-up from 0), which a log axis cannot show. Non-finite rates are left out, as the legend says.
   */
  public static XYChart perStep(double[] rates) {
    checkArgument(rates.length > 0, "RateCharts: no rate to draw");
    XYChart chart = Charts.xy("Learning rate per step", "step", "learning rate", logScale(rates));
    Charts.line(chart, "learning rate", rates).setMarker(SeriesMarkers.NONE);
    return chart;
  }

  /** Whether {@link #perStep} draws these rates on a log axis. */
  static boolean logScale(double[] rates) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (double r : rates) {
      if (Double.isFinite(r)) {
        if (r <= 0) {
          return false;
        }
        lo = Math.min(lo, r);
        hi = Math.max(hi, r);
      }
    }
    return hi > LOG_SPAN * lo;
  }
}
