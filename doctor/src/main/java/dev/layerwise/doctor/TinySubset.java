package dev.layerwise.doctor;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.CompiledModel;
import dev.layerwise.EpochLogs;
import dev.layerwise.FitCallback;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.TrainingDivergedException;
import dev.layerwise.data.Dataset;
import dev.layerwise.losses.BinaryCrossentropy;
import dev.layerwise.losses.CategoricalCrossentropy;
import dev.layerwise.losses.Loss;
import dev.layerwise.losses.SparseCategoricalCrossentropy;
import java.util.List;
import java.util.Locale;

/**
 * The course's third sanity check: a network that cannot <b>overfit a tiny subset</b> will not learn the whole set.
 * A copy of the model ({@link ModelCopy}: the user's is untouched) trains on {@code samples} samples drawn at random
 * (a seeded shuffle, so a class-sorted set still gives a mix) at batch {@code batchSize}, for at most {@code steps}
 * steps, stopping early once the epoch's loss falls below {@value #DONE_LOSS_SHARE} of its first value. Then, in
 * inference mode, its training accuracy on those samples (classification: arg-max, or the logit's sign for binary
 * cross-entropy) or the loss's fall (other losses) is judged:
 *
 * <ul>
 *   <li>PASS: accuracy ≥ {@value #PASS_ACCURACY} (classification), loss ≤ {@value #PASS_LOSS_SHARE} of the start
 *       (regression);
 *   <li>WARN: accuracy ≥ {@value #WARN_ACCURACY}, or loss ≤ {@value #WARN_LOSS_SHARE} of the start;
 *   <li>FAIL otherwise.
 * </ul>
 *
 * <p>It trains the model as compiled — with its penalties and dropout — as the user will train it; the course runs
 * this check with them off, so a FAIL on a strongly regularised model says to rerun without (the reading does).
 * Calibration (64 Fashion-MNIST samples, batch 16, 784→256→128→10 MLP): Adam 1e-3 reaches 100% within 40 steps and
 * SGD 0.01 within about 200; Adam 1e-6 stays near chance after 500 steps; a 784→2→10 bottleneck stalls below 70%.
 */
public final class TinySubset {
  static final double PASS_ACCURACY = 0.99;
  static final double WARN_ACCURACY = 0.9;
  static final double PASS_LOSS_SHARE = 0.05;
  static final double WARN_LOSS_SHARE = 0.2;
  /** The epoch loss, relative to the first epoch's, at which training stops early: the subset is memorised. */
  static final double DONE_LOSS_SHARE = 0.01;

  private TinySubset() {}

  /** What the check trains: how many samples, at which batch size, for at most how many steps, drawn with which seed. */
  public record Options(int samples, int batchSize, int steps, long seed) {
    public Options {
      checkArgument(samples >= 2, "TinySubset: samples must be ≥ 2, got %s", samples);
      checkArgument(batchSize >= 1 && batchSize <= samples, "TinySubset: batchSize must be in [1, samples = %s], got %s",
          samples, batchSize);
      checkArgument(steps >= 1, "TinySubset: steps must be ≥ 1, got %s", steps);
    }

    /** The course's: 64 samples at batch 16, at most 500 steps. */
    public static Options defaults() {
      return new Options(64, 16, 500, 1);
    }
  }

  /** The check on {@code data} (labelled, more than {@code options.samples()} samples or all of it). */
  public static Check check(CompiledModel model, Dataset data, Options options) {
    checkArgument(data.hasLabels(), "TinySubset: need labelled data");
    checkArgument(model.spec().outputs().size() == 1, "TinySubset: need a model with one output, got %s",
        model.spec().outputs());
    Dataset subset = Probes.sample(data, options.samples(), options.seed());
    int stepsPerEpoch = (subset.size() + options.batchSize() - 1) / options.batchSize();
    int epochs = Math.max(1, options.steps() / stepsPerEpoch);
    Loss loss = model.config().lossFor(model.spec().outputNames().get(0));
    try (CompiledModel copy = ModelCopy.of(model)) {
      double start = copy.evaluate(subset).loss();
      Memorised stop = new Memorised();
      History h;
      try {
        h = copy.fit(subset, FitOptions.builder().epochs(epochs).batchSize(options.batchSize()).verbose(0)
            .seed(options.seed()).callbacks(stop).build());
      } catch (TrainingDivergedException e) {
        return diverged(subset.size(), options.batchSize(), start, e);
      }
      int steps = h.epochCount() * stepsPerEpoch;
      double end = copy.evaluate(subset).loss();
      float[] out = copy.predict(subset);
      String trained = String.format(Locale.ROOT, "%d samples, batch %d, %d steps: loss %.4g → %.4g", subset.size(),
          options.batchSize(), steps, start, end);
      OptionalAccuracy acc = accuracy(loss, out, subset, model.spec().outputShape().size());
      return acc.known ? judgeAccuracy(trained, acc.value) : judgeLoss(trained, end / start);
    }
  }

  private static Check diverged(int samples, int batchSize, double start, TrainingDivergedException e) {
    String measured = String.format(Locale.ROOT, "%d samples, batch %d: loss %.4g at the start, diverged at step %d"
        + " (%s) with rate %.3g", samples, batchSize, start, e.step(), e.reason(), e.learningRate());
    return new Check("overfit a tiny subset", Verdict.FAIL, measured, "a finite loss falling to near 0",
        "The loss went to NaN or ∞ on a handful of samples: the steps overshoot — the learning rate is too high"
            + " (or the data holds extreme values).",
        List.of("Divide the learning rate by 10, or take the learning-rate range test's suggestion.",
            "Clip gradients (the optimizer's clipNorm) if single batches spike."));
  }

  private static Check judgeAccuracy(String trained, double accuracy) {
    String measured = String.format(Locale.ROOT, "%s, training accuracy %.1f%%", trained, 100 * accuracy);
    String expected = String.format(Locale.ROOT, "training accuracy ≥ %.0f%%", 100 * PASS_ACCURACY);
    if (accuracy >= PASS_ACCURACY) {
      return Check.pass("overfit a tiny subset", measured, expected);
    }
    return failed(accuracy >= WARN_ACCURACY ? Verdict.WARN : Verdict.FAIL, measured, expected);
  }

  private static Check judgeLoss(String trained, double share) {
    String measured = String.format(Locale.ROOT, "%s (%.1f%% of the start)", trained, 100 * share);
    String expected = String.format(Locale.ROOT, "loss ≤ %.0f%% of the start", 100 * PASS_LOSS_SHARE);
    if (share <= PASS_LOSS_SHARE) {
      return Check.pass("overfit a tiny subset", measured, expected);
    }
    return failed(share <= WARN_LOSS_SHARE ? Verdict.WARN : Verdict.FAIL, measured, expected);
  }

  private static Check failed(Verdict verdict, String measured, String expected) {
    return new Check("overfit a tiny subset", verdict, measured, expected,
        "The model cannot even memorise a handful of samples, so it will not learn the whole set: the updates do"
            + " not reach the weights, the rate is far off, the model is too small, or the loss and labels do not"
            + " fit together.",
        List.of("Look at the update/weight ratio and the gradient norms: ~1e-3 per step is healthy.",
            "Take the learning-rate range test's suggestion.",
            "Rerun without regularisation and dropout; if it then memorises, they are too strong.",
            "Make the model wider or deeper: a layer of a few units is a bottleneck."));
  }

  private record OptionalAccuracy(boolean known, double value) {}

  /** Training accuracy for the classification losses; unknown for the others. */
  private static OptionalAccuracy accuracy(Loss loss, float[] out, Dataset data, int width) {
    int n = data.size();
    int right = 0;
    if (loss instanceof SparseCategoricalCrossentropy || loss instanceof CategoricalCrossentropy) {
      boolean sparse = loss instanceof SparseCategoricalCrossentropy;
      for (int i = 0; i < n; i++) {
        int truth = sparse ? (int) data.label(0, i, 0) : argMax(data, i, width);
        right += argMax(out, i * width, width) == truth ? 1 : 0;
      }
      return new OptionalAccuracy(true, right / (double) n);
    }
    if (loss instanceof BinaryCrossentropy) {
      double threshold = loss.fromLogits() ? 0 : 0.5;
      for (int i = 0; i < n * width; i++) {
        right += (out[i] > threshold) == (data.label(0, i / width, i % width) > 0.5f) ? 1 : 0;
      }
      return new OptionalAccuracy(true, right / (double) (n * width));
    }
    return new OptionalAccuracy(false, Double.NaN);
  }

  private static int argMax(float[] v, int from, int width) {
    int best = 0;
    for (int j = 1; j < width; j++) {
      best = v[from + j] > v[from + best] ? j : best;
    }
    return best;
  }

  private static int argMax(Dataset data, int sample, int width) {
    int best = 0;
    for (int j = 1; j < width; j++) {
      best = data.label(0, sample, j) > data.label(0, sample, best) ? j : best;
    }
    return best;
  }

  /** Stops the fit once the epoch's loss is below {@link #DONE_LOSS_SHARE} of the first epoch's. */
  private static final class Memorised implements FitCallback {
    private double first = Double.NaN;
    private boolean done;

    @Override
    public void onEpochEnd(EpochLogs logs) {
      double loss = logs.get("loss");
      if (Double.isNaN(first)) {
        first = loss;
      }
      done = loss < DONE_LOSS_SHARE * first;
    }

    @Override
    public boolean stopTraining() {
      return done;
    }
  }
}
