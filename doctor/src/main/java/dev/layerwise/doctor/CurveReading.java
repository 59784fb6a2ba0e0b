package dev.layerwise.doctor;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.History;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a {@link History}'s loss curves as the course reads them: a curve that stays <b>flat</b> (the updates do not
 * reach the weights, or the rate is far too low), one that <b>rises</b> (the rate is too high, or the gradient's sign
 * is wrong), one that starts <b>slowly</b> and only then falls (initialisation too small), and a validation loss that
 * <b>turns</b> while the training loss keeps falling (overfitting: the gap between them widens); with the step losses
 * of the fit ({@link StepLosses}), a curve too <b>noisy</b> (the batch too small). Each reading is a {@link Check}
 * with the epochs and losses it saw.
 *
 * <p>The thresholds, per epoch means of the training loss L₁ … L_E and validation loss V₁ … V_E:
 * <ul>
 *   <li>rising: L_E &gt; (1 + {@value #RISE})·L₁;
 *   <li>flat: |L₁ − L_E| &lt; {@value #FLAT}·L₁ over at least {@value #MIN_EPOCHS} epochs;
 *   <li>slow start (at least 4 epochs): the first quarter of the epochs gives less than {@value #SLOW_SHARE} of the
 *       whole decrease L₁ − L_E, which is at least {@value #SLOW_TOTAL}·L₁;
 *   <li>overfitting: V is lowest at an epoch e* &lt; E, V_E &gt; (1 + {@value #TURN})·V_e*, and L_E &lt; L_e*.
 * </ul>
 */
public final class CurveReading {
  static final double RISE = 0.02;
  static final double FLAT = 0.01;
  static final int MIN_EPOCHS = 3;
  static final double SLOW_SHARE = 0.1;
  static final double SLOW_TOTAL = 0.3;
  static final double TURN = 0.05;
  static final double NOISE = 0.6;

  private CurveReading() {}

  /**
   * {@link #of(History)}, and the noise of the step losses {@link StepLosses} recorded in the same fit: per epoch
   * the standard deviation of the differences between consecutive steps' losses over √2 (the differences cancel the
   * slow trend and add two steps' noise), relative to the epoch's mean loss; the median over the epochs. Above
   * {@value #NOISE} the steps' losses scatter more than their trend moves: the batch is too small or the rate too high.
   * Measured on a Fashion-MNIST MLP (784→64→10, Adam, 3,000 images, 3 epochs, reference backend), the noise falls
   * as 1/√b: 1.18 at batch 2, 0.81 at 4, 0.55–0.66 at 8, 0.24–0.31 at 32, 0.13–0.19 at 128 (rates 1e-3 and 1e-2).
   */
  public static List<Check> of(History history, StepLosses steps) {
    List<Check> out = new ArrayList<>(of(history));
    out.add(noise(steps.perEpoch()));
    return out;
  }

  /** The readings of a history with a {@code loss} per epoch (and {@code val_loss} when it validated). */
  public static List<Check> of(History history) {
    checkArgument(history.keys().contains("loss") && history.epochCount() >= 2, "CurveReading: need the training"
        + " loss of at least 2 epochs, got %s epochs with keys %s", history.epochCount(), history.keys());
    double[] loss = history.get("loss");
    int[] epochs = history.epochNumbers();
    List<Check> out = new ArrayList<>();
    out.add(trend(loss, epochs));
    if (loss.length >= 4) {
      out.add(start(loss, epochs));
    }
    if (history.keys().contains("val_loss")) {
      out.add(gap(loss, history.get("val_loss"), epochs));
    }
    return out;
  }

  private static Check trend(double[] loss, int[] epochs) {
    double first = loss[0];
    double last = loss[loss.length - 1];
    String measured = String.format(Locale.ROOT, "training loss %.4g at epoch %d, %.4g at epoch %d", first, epochs[0],
        last, epochs[epochs.length - 1]);
    String expected = "a falling training loss";
    if (last > (1 + RISE) * first) {
      return new Check("training loss trend", Verdict.FAIL, measured, expected,
          "The loss rises: the steps overshoot (learning rate too high) or go uphill (the gradient's sign is wrong).",
          List.of("Divide the learning rate by 10, or take the learning-rate range test's suggestion.",
              "Check a custom layer or loss with GradientCheck: a flipped sign shows as a failed check."));
    }
    if (loss.length >= MIN_EPOCHS && Math.abs(first - last) < FLAT * first) {
      return new Check("training loss trend", Verdict.FAIL, measured, expected,
          "The loss is flat: the updates do not reach the weights, or are far too small.",
          List.of("Check the learning rate (and its schedule) is not 0 or tiny: try 10× and 100×.",
              "Check the layers are trainable (Model.withTrainable) and the loss depends on the outputs.",
              "Check the labels match the loss (class indices for sparse cross-entropy, logits flag)."));
    }
    return Check.pass("training loss trend", measured, expected);
  }

  private static Check start(double[] loss, int[] epochs) {
    int quarter = Math.max(1, loss.length / 4);
    double total = loss[0] - loss[loss.length - 1];
    double early = loss[0] - loss[quarter];
    String measured = String.format(Locale.ROOT, "epochs %d–%d gave %.0f%% of the decrease %.4g → %.4g", epochs[0],
        epochs[quarter], total > 0 ? 100 * early / total : 0, loss[0], loss[loss.length - 1]);
    String expected = String.format(Locale.ROOT, "the first quarter of the epochs gives at least %.0f%% of the decrease",
        100 * SLOW_SHARE);
    if (total >= SLOW_TOTAL * loss[0] && early < SLOW_SHARE * total) {
      return new Check("start of training", Verdict.WARN, measured, expected,
          "A slow start, then a fall: the signal took epochs to get through, typically weights initialised too small"
              + " (activations and gradients shrink layer after layer) or a rate too low at the start.",
          List.of("Initialise with Glorot (tanh, sigmoid) or He (ReLU) instead of small fixed-variance draws.",
              "Add batch normalisation, or raise the starting rate (warm-up schedules start low on purpose)."));
    }
    return Check.pass("start of training", measured, expected);
  }

  /** The median over epochs of the relative step-to-step noise (see {@link #of(History, StepLosses)}). */
  static double relativeNoise(List<double[]> epochs) {
    List<Double> perEpoch = new ArrayList<>();
    for (double[] l : epochs) {
      if (l.length < 8) {
        continue;
      }
      double mean = 0;
      for (double v : l) {
        mean += v / l.length;
      }
      double dMean = 0;
      for (int i = 1; i < l.length; i++) {
        dMean += (l[i] - l[i - 1]) / (l.length - 1);
      }
      double var = 0;
      for (int i = 1; i < l.length; i++) {
        double d = l[i] - l[i - 1] - dMean;
        var += d * d / (l.length - 2);
      }
      perEpoch.add(Math.sqrt(var / 2) / mean);
    }
    checkArgument(!perEpoch.isEmpty(), "CurveReading: the noise needs an epoch of at least 8 recorded steps");
    perEpoch.sort(null);
    return perEpoch.get(perEpoch.size() / 2);
  }

  private static Check noise(List<double[]> epochs) {
    double noise = relativeNoise(epochs);
    String measured = String.format(Locale.ROOT, "step losses scatter by %.0f%% of the epoch's mean loss (median of %d"
        + " epochs)", 100 * noise, epochs.size());
    String expected = String.format(Locale.ROOT, "at most %.0f%%", 100 * NOISE);
    if (noise > NOISE) {
      return new Check("step noise", Verdict.WARN, measured, expected,
          "A noisy curve: each step's loss is more noise than trend, so the updates are too — the batch is too small"
              + " or the learning rate too high for it.",
          List.of("Raise the batch size (and the rate with it, roughly in proportion).",
              "Or lower the learning rate, or decay it."));
    }
    return Check.pass("step noise", measured, expected);
  }

  private static Check gap(double[] loss, double[] val, int[] epochs) {
    int best = 0;
    for (int e = 1; e < val.length; e++) {
      if (val[e] < val[best]) {
        best = e;
      }
    }
    int last = val.length - 1;
    double gapBest = val[best] - loss[best];
    double gapLast = val[last] - loss[last];
    String measured = String.format(Locale.ROOT, "validation loss lowest at epoch %d (%.4g), %.4g at epoch %d; gap to"
        + " training %.4g → %.4g", epochs[best], val[best], val[last], epochs[last], gapBest, gapLast);
    String expected = "the validation loss falling with the training loss";
    if (best < last && val[last] > (1 + TURN) * val[best] && loss[last] < loss[best]) {
      return new Check("validation gap", Verdict.WARN, measured, expected,
          "Overfitting from epoch " + epochs[best] + ": the training loss keeps falling while the validation loss"
              + " turned, and the gap between them widens.",
          List.of("Get more data first (or augment it).",
              "Then regularise: L2 weight decay, dropout, a smaller model.",
              "Stop at the turn: EarlyStopping on val_loss with restoreBestWeights."));
    }
    return Check.pass("validation gap", measured, expected);
  }
}
