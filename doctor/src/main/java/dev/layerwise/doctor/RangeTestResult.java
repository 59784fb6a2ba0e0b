package dev.layerwise.doctor;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;

/**
 * What a {@link LearningRateRangeTest} measured: each rate of the sweep with the loss after its update and the
 * smoothed loss, why the sweep stopped, the suggested rate and the rule that chose it.
 *
 * @param optimizer the optimizer swept (its class name)
 * @param options how the sweep ran
 * @param rates the rates applied, one per update, in order (fewer than {@code options.steps()} if it stopped early)
 * @param losses the loss of the batch after each update (see {@link LearningRateRangeTest})
 * @param smoothed the bias-corrected exponentially weighted average of {@code losses}
 * @param stopReason why the sweep ended
 * @param diverged whether it ended because the loss exploded (rather than at the last rate)
 * @param startLoss the mean loss over the first {@link #settled(int) settled} updates, whose rates are too small to
 *     move anything: the loss the sweep starts from
 * @param lowestLoss the lowest smoothed loss from the settled index on
 * @param minimumRate the rate at {@code lowestLoss}
 * @param steepestRate the rate where the smoothed loss falls fastest against ln(rate) (central difference over ±
 *     one smoothing window), among the rates up to {@code minimumRate}; NaN when it never falls
 * @param suggestion the suggested rate: {@code minimumRate / 10} (see {@link #RULE})
 */
public record RangeTestResult(String optimizer, RangeTestOptions options, double[] rates, double[] losses,
    double[] smoothed, String stopReason, boolean diverged, double startLoss, double lowestLoss, double minimumRate,
    double steepestRate, double suggestion) {

  /**
   * The rule, as the result prints it. Why the minimum's rate over 10 rather than the steepest descent (both are
   * fastai's; both are reported): the steepest point is where a derivative of a noisy curve is most negative, so
   * noisy batches move it, while the minimum of the smoothed curve is where the loss stops falling and explodes — a
   * sharp event the smoothing barely blurs. Measured on the test's least-squares problem (SGD, where gradient descent
   * diverges above 2/λ), 4 shuffling seeds × β ∈ {0.98, 0.95, 0.9, 0.8}, 300 steps: the minimum / 10 landed at
   * 0.08–0.16 × 2/λ in all 16 sweeps; the steepest descent at 0.000–0.075 × 2/λ, moving with β (one sweep picked a
   * rate in the flat, noisy start); with 100 steps the steepest ranged over 0.000–0.18 × while the minimum / 10 stayed
   * at 0.14–0.21 ×. A tenth of the minimum sits one decade below the edge of divergence, the margin Smith's test and
   * fastai's advice use: at the minimum's rate the loss already oscillates, and later in training (a lower loss,
   * sharper curvature) it would diverge.
   */
  public static final String RULE = "the rate at which the smoothed loss is lowest, divided by 10: one decade below"
      + " the rate where the loss stops falling and starts to explode";

  /**
   * The share of the start loss the smoothed loss must fall below for the sweep to have found a working rate.
   * Measured with the default sweep: the healthy models reach 0.01× (the tests' least squares, SGD), 0.14–0.18× (a
   * 2-16-3 classifier on three blobs, with each of the ten optimizer set-ups of the tests) and, on the TF backend,
   * the Fashion-MNIST MLP 0.35–0.36× with Adam and 0.49–0.54× with SGD (4 seeds); with every layer frozen the blobs
   * classifier stays at 0.95–0.98× and the MLP (10,000 images) at 0.96–0.98× its start (8 shuffling seeds each: the
   * smoothed loss wanders with the batch noise but does not fall). 0.9 lies between the two groups. (With fastai's
   * 100 steps and β 0.98 a healthy SGD sweep of the MLP reached only 0.93×: see {@link LearningRateRangeTest}.)
   */
  static final double NO_PROGRESS = 0.9;

  /**
   * The share of the sweep's last steps within which a minimum makes the check WARN when the loss did not explode:
   * the loss was still falling at the highest rates, so the edge, and the suggestion, may lie above the sweep. 5% of
   * the default sweep is 15 steps, 0.4 decade (a factor 2.5 in rate).
   */
  static final double END_SHARE = 0.05;

  public RangeTestResult {
    requireNonNull(optimizer, "optimizer");
    requireNonNull(options, "options");
    rates = rates.clone();
    losses = losses.clone();
    smoothed = smoothed.clone();
    requireNonNull(stopReason, "stopReason");
  }

  /** The first index whose smoothed loss averages enough batches to compare: a tenth of the sweep, at least 1. */
  static int settled(int steps) {
    return Math.max(1, steps / 10);
  }

  /** The derived numbers of a recorded sweep. */
  static RangeTestResult of(String optimizer, RangeTestOptions options, double[] rates, double[] losses,
      double[] smoothed, String stopReason, boolean diverged) {
    int n = rates.length;
    int k = Math.min(settled(options.steps()), n);
    double start = 0;
    for (int i = 0; i < k; i++) {
      start += losses[i] / k;
    }
    if (k == 0) {
      start = Double.NaN;
    }
    int lowest = -1;
    for (int i = k; i < n; i++) {
      if (lowest < 0 || smoothed[i] < smoothed[lowest]) {
        lowest = i;
      }
    }
    // d smoothed / d ln(rate) by central differences over ±h steps, h the smoothing window 1/(1−β): ln(rate) is
    // evenly spaced, so the difference alone ranks them. A narrower baseline ranks batch noise: at 37 steps per
    // decade the true fall per step is smaller than the smoothed noise's step-to-step change.
    int h = Math.max(1, (int) Math.round(1 / (1 - options.beta())));
    int steepest = -1;
    double slope = 0;
    for (int i = k + h; i + h <= lowest; i++) {
      double d = smoothed[i + h] - smoothed[i - h];
      if (d < slope) {
        slope = d;
        steepest = i;
      }
    }
    double lowestLoss = lowest < 0 ? Double.NaN : smoothed[lowest];
    double minimumRate = lowest < 0 ? Double.NaN : rates[lowest];
    return new RangeTestResult(optimizer, options, rates, losses, smoothed, stopReason, diverged, start, lowestLoss,
        minimumRate, steepest < 0 ? Double.NaN : rates[steepest], minimumRate / 10);
  }

  @Override
  public double[] rates() {
    return rates.clone();
  }

  @Override
  public double[] losses() {
    return losses.clone();
  }

  @Override
  public double[] smoothed() {
    return smoothed.clone();
  }

  /** The minimum's rate over 10 (the suggestion's rule). */
  public double minimumOver10() {
    return minimumRate / 10;
  }

  /**
   * PASS with the suggestion; FAIL when no rate of the sweep lowered the smoothed loss below {@link #NO_PROGRESS} ×
   * the start (or the first steps already diverged); WARN when the loss was still falling at the last rate.
   */
  public Check check() {
    String name = "learning-rate range test";
    String expected = String.format(Locale.ROOT, "the smoothed loss falls below %.1f× its start somewhere in the"
        + " sweep, then explodes", NO_PROGRESS);
    if (Double.isNaN(lowestLoss)) {
      return new Check(name, Verdict.FAIL, String.format(Locale.ROOT, "only %d rate(s) recorded before the sweep"
          + " ended: %s", rates.length, stopReason), expected,
          "The loss went non-finite at the sweep's smallest rates: the model or the data produce NaN or ∞ whatever"
              + " the rate.",
          List.of("Run the initial-loss check and the data checks: a NaN or huge feature, a label out of range.",
              "Lower RangeTestOptions' minRate if the model is sensitive to tiny rates."));
    }
    String measured = String.format(Locale.ROOT, "smoothed loss from %.4g down to %.4g (%.2f×) at rate %.3g;"
        + " suggestion %.3g", startLoss, lowestLoss, lowestLoss / startLoss, minimumRate, suggestion);
    if (lowestLoss > NO_PROGRESS * startLoss) {
      return new Check(name, Verdict.FAIL, measured, expected,
          "No rate over " + decades() + " decades lowers the loss: the updates do not reach the loss — the gradient"
              + " is not applied (every layer frozen, a weight outside the graph) or its sign is wrong — or the"
              + " labels carry no signal the model can use.",
          List.of("Check that the model has trainable weights (summary(): trainable parameters > 0).",
              "Check that the labels belong to these features (shuffled or misaligned labels teach nothing).",
              "Check a custom loss or update rule: the loss must fall for a small step against its gradient.",
              "Overfit a tiny subset (64 samples): if even that fails, the gradient does not reach the weights."));
    }
    if (!diverged && minimumRate >= rates[(int) Math.floor(rates.length * (1 - END_SHARE))]) {
      return new Check(name, Verdict.WARN, measured, expected,
          "The loss was still falling at the sweep's highest rate: the edge of divergence, and so the suggestion,"
              + " may lie higher.",
          List.of(String.format(Locale.ROOT, "Sweep to a higher maxRate than %.3g (RangeTestOptions.withRates).",
              options.maxRate())));
    }
    return Check.pass(name, measured, expected);
  }

  private String decades() {
    return String.format(Locale.ROOT, "%.0f", Math.log10(rates.length == 0 ? options.maxRate() / options.minRate()
        : rates[rates.length - 1] / rates[0]));
  }

  /** The result as text: the sweep, why it stopped, both candidate rates, the rule, a coarse table and the check. */
  public String toText() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "learning-rate range test: %s, batch %d, %d rates from %.3g to %.3g%n",
        optimizer, options.batchSize(), options.steps(), options.minRate(), options.maxRate()));
    b.append(String.format(Locale.ROOT, "  %d rates swept; stopped: %s%n", rates.length, stopReason));
    b.append(String.format(Locale.ROOT, "  suggestion %.3g — %s%n", suggestion, RULE));
    b.append(String.format(Locale.ROOT, "  lowest smoothed loss %.4g at rate %.3g; steepest descent at rate %.3g%n",
        lowestLoss, minimumRate, steepestRate));
    b.append("        rate        loss    smoothed\n");
    int every = Math.max(1, rates.length / 12);
    for (int i = 0; i < rates.length; i++) {
      if (i % every == 0 || i == rates.length - 1) {
        b.append(String.format(Locale.ROOT, "  %10.3g  %10.4g  %10.4g%n", rates[i], losses[i], smoothed[i]));
      }
    }
    b.append("  ").append(check().toText());
    return b.toString();
  }

  /** The loss and the smoothed loss against the rate (logarithmic), the suggestion marked: see {@link RangeChart}. */
  public XYChart chart() {
    return RangeChart.of(this);
  }

  /** Writes {@link #chart()} as a PNG (headless AWT is enough). */
  public void writeChart(Path png) {
    try {
      RangeChart.writePng(chart(), png);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the range test's chart to " + png, e);
    }
  }
}
