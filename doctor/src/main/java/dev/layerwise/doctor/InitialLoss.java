package dev.layerwise.doctor;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.CompiledModel;
import dev.layerwise.Evaluation;
import dev.layerwise.data.Dataset;
import dev.layerwise.losses.BinaryCrossentropy;
import dev.layerwise.losses.CategoricalCrossentropy;
import dev.layerwise.losses.Loss;
import dev.layerwise.losses.MeanSquaredError;
import dev.layerwise.losses.SparseCategoricalCrossentropy;
import java.util.List;
import java.util.Locale;

/**
 * The course's first sanity check: before training, with the penalty left out, the loss must be what a model that
 * knows nothing scores. It evaluates the model (inference mode: dropout off; nothing changes) and compares the data
 * loss — the loss minus the regularisation penalty — with the expectation of an uninformed model:
 *
 * <ul>
 *   <li><b>softmax cross-entropy</b> (sparse or one-hot, from logits) over C classes: logits all equal give
 *       −log(1/C) = <b>ln C</b> for every sample, whatever the labels. Initial logits are not exactly equal: against
 *       labels independent of them, with class shares p, a model scores exactly mean(log Σ e^z − Σ p_c·z_c), which
 *       for small logits of variance s² across the classes is ≈ ln C + s²/2;
 *   <li><b>binary cross-entropy</b> from logits: z = 0 gives <b>ln 2</b> per output; against labels independent of
 *       z, with a share p of positives, exactly mean(softplus(z) − p·z) ≈ ln 2 + m·(½ − p) + q/8 (m, q the mean and
 *       mean square of the logits);
 *   <li><b>mean squared error</b>: outputs near 0 give the mean square of the targets <b>E[y²]</b>; with outputs ŷ
 *       independent of the targets the loss is E[y²] + E[ŷ²] − 2·E[ŷ]·E[y].
 * </ul>
 *
 * <p>The verdict. The uninformed score of the model's own outputs (the uninformed value plus a spread term) is what
 * this model, knowing nothing, should score. More than {@value #TOLERANCE} (relative) off it FAILs: below, the model
 * already knows the labels (trained, or the labels leak into the features); above, the loss, the labels and the
 * output layer do not fit together. Within it, a spread term above {@value #SPREAD} of the uninformed value WARNs:
 * the outputs start too spread, the weights too large (N(0, 1) draws). The Glorot- and He-initialised nets of the
 * tests, on standardised features, pass.
 */
public final class InitialLoss {
  /** The relative difference from the expectation (uninformed value plus spread term) that passes. */
  static final double TOLERANCE = 0.15;
  /** The spread term, relative to the uninformed value, above which the outputs start too spread. */
  static final double SPREAD = 0.5;

  private InitialLoss() {}

  /** Whether the model has one output and one of the losses above, so that {@link #check} applies. */
  public static boolean derivedFor(CompiledModel model) {
    if (model.spec().outputs().size() != 1) {
      return false;
    }
    Loss loss = model.config().lossFor(model.spec().outputNames().get(0));
    return ((loss instanceof SparseCategoricalCrossentropy || loss instanceof CategoricalCrossentropy
        || loss instanceof BinaryCrossentropy) && loss.fromLogits()) || loss instanceof MeanSquaredError;
  }

  /** The check for a single-output model compiled with one of the losses above, on labelled data. */
  public static Check check(CompiledModel model, Dataset data) {
    checkArgument(model.spec().outputs().size() == 1, "InitialLoss: need a model with one output, got %s",
        model.spec().outputs());
    Loss loss = model.config().lossFor(model.spec().outputNames().get(0));
    boolean softmax = (loss instanceof SparseCategoricalCrossentropy || loss instanceof CategoricalCrossentropy)
        && loss.fromLogits();
    boolean binary = loss instanceof BinaryCrossentropy && loss.fromLogits();
    checkArgument(softmax || binary || loss instanceof MeanSquaredError, "InitialLoss: no expectation derived for %s"
        + " (softmax and binary cross-entropy from logits, and mean squared error, are); compile with"
        + " fromLogits(true) to check it", loss);
    Evaluation e = model.evaluate(data);
    double penalty = e.values().containsKey("regularization_loss") ? e.get("regularization_loss") : 0;
    double measured = e.loss() - penalty;
    float[] out = model.predict(data);
    int width = model.spec().outputShape().size();
    if (softmax) {
      return softmax(measured, out, width, classShares(data, width, loss instanceof SparseCategoricalCrossentropy));
    }
    return binary ? binary(measured, out, data) : squared(measured, out, data);
  }

  /**
   * The exact score of these logits against labels independent of them, drawn with the data's class shares p:
   * mean over samples of {@code log Σ e^z − Σ_c p_c·z_c}; ≈ ln C + s²/2 for small logits of variance s².
   */
  private static Check softmax(double measured, float[] logits, int classes, double[] shares) {
    double expectation = 0;
    double spread = 0;
    int rows = logits.length / classes;
    for (int r = 0; r < rows; r++) {
      double max = Double.NEGATIVE_INFINITY;
      double mean = 0;
      double expected = 0;
      for (int c = 0; c < classes; c++) {
        double z = logits[r * classes + c];
        max = Math.max(max, z);
        mean += z / classes;
        expected += shares[c] * z;
      }
      double sum = 0;
      double var = 0;
      for (int c = 0; c < classes; c++) {
        double z = logits[r * classes + c];
        sum += Math.exp(z - max);
        var += (z - mean) * (z - mean) / classes;
      }
      expectation += max + Math.log(sum) - expected;
      spread += var;
    }
    expectation /= rows;
    spread /= rows;
    double ideal = Math.log(classes);
    String measuredText = String.format(Locale.ROOT, "data loss %.4f (penalty left out); uninformed score of these"
        + " logits %.4f (their variance across classes %.3g)", measured, expectation, spread);
    return verdict("initial loss", measured, ideal, expectation - ideal, measuredText,
        String.format(Locale.ROOT, "ln %d = %.4f plus the spread term, ± %.0f%%", classes, ideal,
            100 * TOLERANCE));
  }

  /** Each class's share of the labels (class indices, or one-hot rows). */
  private static double[] classShares(Dataset data, int classes, boolean sparse) {
    double[] shares = new double[classes];
    for (int i = 0; i < data.size(); i++) {
      if (sparse) {
        shares[(int) data.label(0, i, 0)] += 1.0 / data.size();
      } else {
        for (int c = 0; c < classes; c++) {
          shares[c] += data.label(0, i, c) / data.size();
        }
      }
    }
    return shares;
  }

  /** The exact score of these logits against labels independent of them: mean of softplus(z) − p·z. */
  private static Check binary(double measured, float[] logits, Dataset data) {
    double p = meanTarget(data, false);
    double expectation = 0;
    for (float z : logits) {
      expectation += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - p * z;
    }
    expectation /= logits.length;
    double ideal = Math.log(2);
    String measuredText = String.format(Locale.ROOT, "data loss %.4f (penalty left out); uninformed score of these"
        + " logits %.4f", measured, expectation);
    return verdict("initial loss", measured, ideal, expectation - ideal, measuredText,
        String.format(Locale.ROOT, "ln 2 = %.4f plus the spread term, ± %.0f%%", ideal, 100 * TOLERANCE));
  }

  private static Check squared(double measured, float[] out, Dataset data) {
    double meanOut = 0;
    double squareOut = 0;
    for (float v : out) {
      meanOut += v;
      squareOut += (double) v * v;
    }
    meanOut /= out.length;
    squareOut /= out.length;
    double squareTarget = meanTarget(data, true);
    double meanTarget = meanTarget(data, false);
    double spreadTerm = squareOut - 2 * meanOut * meanTarget;
    String measuredText = String.format(Locale.ROOT, "data loss %.4g (penalty left out); uninformed score of these"
        + " outputs %.4g (their mean square %.3g)", measured, squareTarget + spreadTerm, squareOut);
    return verdict("initial loss", measured, squareTarget, spreadTerm, measuredText,
        String.format(Locale.ROOT, "E[y²] = %.4g plus the spread term, ± %.0f%%", squareTarget,
            100 * TOLERANCE));
  }

  /** FAIL off the expectation, WARN for a large spread term, PASS otherwise (see the class comment). */
  private static Check verdict(String name, double measured, double ideal, double spreadTerm, String measuredText,
      String expected) {
    double expectation = ideal + spreadTerm;
    if (measured < (1 - TOLERANCE) * expectation) {
      return new Check(name, Verdict.FAIL, measuredText, expected,
          "Below what a model that knows nothing scores: the model already knows the labels — it was trained (the"
              + " check is for a model before training), or the labels leak into the features.",
          List.of("Run the check on a freshly compiled model.",
              "Look for a feature that encodes the label (an id, a file name, a sorted position)."));
    }
    if (measured > (1 + TOLERANCE) * expectation) {
      return new Check(name, Verdict.FAIL, measuredText, expected,
          "Above what a model that knows nothing scores, even counting its outputs' spread: the loss, the labels and"
              + " the output layer do not fit together.",
          List.of("Check the label encoding: class indices for the sparse loss, one-hot rows for the categorical"
                  + " one, 0/1 for binary cross-entropy.",
              "Check fromLogits against the last layer: a Softmax layer before a loss from logits is the"
                  + " double-softmax bug.",
              "Check the output layer has one unit per class, and that the labels belong to these features."));
    }
    if (spreadTerm > SPREAD * ideal) {
      return new Check(name, Verdict.WARN, measuredText, expected,
          "Above the uninformed value because the initial outputs are spread: the weights start too large, so"
              + " the model begins confidently wrong and the first steps undo that instead of learning.",
          List.of("Initialise with Glorot (tanh, sigmoid, linear outputs) or He (ReLU) instead of N(0, 1).",
              "Initialise the output layer smaller, or add batch normalisation before it."));
    }
    return Check.pass(name, measuredText, expected);
  }

  /** The mean of the targets (or of their squares), over every value of the one target array. */
  private static double meanTarget(Dataset data, boolean squared) {
    int per = data.targetShapes().get(0).size();
    double sum = 0;
    for (int i = 0; i < data.size(); i++) {
      for (int j = 0; j < per; j++) {
        double y = data.label(0, i, j);
        sum += squared ? y * y : y;
      }
    }
    return sum / ((double) data.size() * per);
  }
}
