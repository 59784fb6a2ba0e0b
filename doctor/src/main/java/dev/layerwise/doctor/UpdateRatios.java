package dev.layerwise.doctor;

import static com.google.common.base.Preconditions.checkArgument;
import static dev.layerwise.doctor.Probes.g;

import dev.layerwise.BatchLogs;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitCallback;
import dev.layerwise.FitContext;
import dev.layerwise.FitOptions;
import dev.layerwise.NdValue;
import dev.layerwise.TrainingDivergedException;
import dev.layerwise.data.Dataset;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The course's rule of thumb for the learning rate: the update of a weight matrix should be about a thousandth of
 * the weights, ‖ΔW‖/‖W‖ ≈ 1e-3. This trains a copy of the model ({@link CompiledModel#recompile}: the current
 * weights, the user's optimizer and rate, a fresh optimizer state; closed afterwards, the user's model untouched)
 * for a few steps and records, after every step, each kernel's ‖W_t − W_{t−1}‖/‖W_{t−1}‖ (Frobenius norms; NaN
 * for a kernel that is all zero).
 *
 * <p>The verdict reads one number: each kernel's largest ratio over the first {@value #JUDGED_STEPS} steps (the
 * step that changes it most, the one that can throw it far), and of those the median over the kernels — the typical
 * layer, so that one layer of odd scale does not decide. Only the first steps are judged: they show what the rate
 * does to the weights the model starts from; later steps mix in what training does to the weights. Tiny initial
 * weights grow under Adam, whose steps do not shrink with them, so their ratio climbs: in a 7-layer tanh net with
 * N(0, 0.01²) kernels (whose collapse the activation-scale check names) a middle layer's ratio is 0.0009 at step 1,
 * 0.0019 at step 10 and 0.05 at step 30, an artefact of the initialisation rather than of the rate.
 *
 * <p>The course's 1e-3 is a ballpark for SGD, and SGD 0.01 on the Fashion-MNIST MLP measures just that; Adam's first
 * step moves every weight by about the rate (m̂/√v̂ = ±1 at step 1), so with Adam the ratio is about rate/rms(W):
 * 1e-3/0.044 ≈ 0.02 for a Glorot 784×256 kernel, measured 0.0204. Narrow layers have larger weights (rms
 * √(2/(fanIn + fanOut))), so the same Adam rate moves them less. The bands are calibrated on measured healthy and
 * broken set-ups (see the constants).
 *
 * @param perStep each kernel's ratio after each step, by full name, in model order
 * @param peaks each kernel's largest ratio over the first {@value #JUDGED_STEPS} steps (NaN for a kernel that stays
 *     all zero)
 * @param steps the steps taken
 * @param checks the update-ratio check
 */
public record UpdateRatios(Map<String, double[]> perStep, Map<String, Double> peaks, int steps,
    List<Check> checks) {
  /**
   * The steps taken by default: under a second on the Fashion-MNIST MLP, ~2.5 s on the CNN (TensorFlow), and enough
   * to see in the per-step ratios whether Adam's steps shrink from their first, sign-like size as its moments fill.
   */
  public static final int DEFAULT_STEPS = 30;
  /** The first steps the verdict reads (see the class comment); the later ones are recorded for the charts. */
  static final int JUDGED_STEPS = 10;
  /**
   * The typical layer's largest ratio above which the steps are too large (WARN). Measured ({@code
   * DoctorCalibration}, TensorFlow backend, Fashion-MNIST, steps of 32): the 784-256-128-10 ReLU MLP (Glorot) under
   * Adam 1e-3 0.0122, SGD 0.01 0.00125, SGD 0.1 0.0126; the example CNN under Adam 1e-3 0.00998; a 7-layer tanh net
   * under Adam 1e-3 0.0159 (Glorot), 0.00269 (N(0, 0.01²)), 0.00100 (N(0, 1)); the MLP under Adam 1e-2 (10×) 0.122
   * and Adam 1e-1 (100×) 1.22. The band sits 3.1× above the largest healthy value and 2.4× below Adam at 10×.
   */
  static final double HIGH_WARN = 0.05;
  /**
   * ... and above which they are far too large (FAIL): a step that changes a layer by half its size. Adam at 1e-1
   * measures 1.22 (its first step doubles the weights); one epoch of it leaves every ReLU of the MLP dead.
   */
  static final double HIGH_FAIL = 0.5;
  /**
   * The typical layer's largest ratio below which the steps are too small (WARN). Measured: the MLP under SGD 1e-3
   * (10× below the usual SGD rate: slow, but it trains) 1.33e-4; under Adam 1e-6 (÷1000) 1.22e-5.
   */
  static final double LOW_WARN = 1e-4;
  /** ... and below which they are far too small (FAIL): 2.5× above Adam ÷1000's 1.22e-5. */
  static final double LOW_FAIL = 3e-5;

  public UpdateRatios {
    Map<String, double[]> copy = new LinkedHashMap<>();
    perStep.forEach((k, v) -> copy.put(k, v.clone()));
    perStep = Collections.unmodifiableMap(copy);
    peaks = Collections.unmodifiableMap(new LinkedHashMap<>(peaks));
    checks = List.copyOf(checks);
  }

  /** {@link #measure(CompiledModel, Dataset, int, int)} for {@value #DEFAULT_STEPS} steps. */
  public static UpdateRatios measure(CompiledModel model, Dataset data, int batchSize) {
    return measure(model, data, batchSize, DEFAULT_STEPS);
  }

  /**
   * Trains a copy of the model for {@code steps} steps of {@code batchSize} samples of {@code data} (up to
   * {@code batchSize × steps} samples spread over the data, shuffled, seeded) and reads its updates; the model given
   * is not changed.
   */
  public static UpdateRatios measure(CompiledModel model, Dataset data, int batchSize, int steps) {
    checkArgument(batchSize > 0 && steps > 0, "UpdateRatios: batchSize and steps must be positive, got %s and %s",
        batchSize, steps);
    List<String> kernels = Probes.kernels(model);
    Recorder recorder = new Recorder(kernels, steps);
    Dataset train = Probes.spread(data, (int) Math.min(Integer.MAX_VALUE, (long) batchSize * steps));
    int perEpoch = (train.size() + batchSize - 1) / batchSize;
    String diverged = null;
    try (CompiledModel copy = ModelCopy.of(model)) {
      copy.fit(train, FitOptions.builder().epochs((steps + perEpoch - 1) / perEpoch).batchSize(batchSize)
          .seed(18).callbacks(recorder).quiet().build());
    } catch (TrainingDivergedException e) {
      diverged = e.getMessage();
    }
    Map<String, double[]> perStep = new LinkedHashMap<>();
    Map<String, Double> peaks = new LinkedHashMap<>();
    for (int k = 0; k < kernels.size(); k++) {
      double[] r = Arrays.copyOf(recorder.ratios[k], recorder.taken);
      perStep.put(kernels.get(k), r);
      peaks.put(kernels.get(k), Arrays.stream(r, 0, Math.min(r.length, JUDGED_STEPS)).filter(Double::isFinite).max()
          .orElse(Double.NaN));
    }
    return new UpdateRatios(perStep, peaks, recorder.taken, List.of(check(peaks, recorder.taken, diverged,
        model)));
  }

  /** Reads the kernels after every step and stops the fit after the steps asked for. */
  private static final class Recorder implements FitCallback {
    private final List<String> kernels;
    private final double[][] ratios;
    private final double[][] previous;
    private final int steps;
    private FitContext context;
    private int taken;

    Recorder(List<String> kernels, int steps) {
      this.kernels = kernels;
      this.ratios = new double[kernels.size()][steps];
      this.previous = new double[kernels.size()][];
      this.steps = steps;
    }

    @Override
    public void onTrainBegin(FitContext context) {
      this.context = context;
      read(previous);
    }

    @Override
    public void onBatchEnd(BatchLogs logs) {
      double[][] now = new double[kernels.size()][];
      read(now);
      for (int k = 0; k < kernels.size(); k++) {
        double w = Probes.norm(previous[k]);
        ratios[k][taken] = w == 0 ? Double.NaN : Probes.distance(now[k], previous[k]) / w;
        previous[k] = now[k];
      }
      taken++;
      if (taken == steps) {
        context.stopTraining("UpdateRatios: " + taken + " steps measured");
      }
    }

    private void read(double[][] into) {
      Map<String, NdValue> w = context.model().weights();
      for (int k = 0; k < kernels.size(); k++) {
        into[k] = w.get(kernels.get(k)).toDoubleArray();
      }
    }

    @Override
    public boolean needsEveryStep() {
      return true;
    }
  }

  /** The median of the finite values; NaN if there is none. */
  private static double median(double[] values) {
    double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static Check check(Map<String, Double> peaks, int steps, String diverged, CompiledModel model) {
    String name = "update ratio";
    String expected = "the typical layer's largest ‖ΔW‖/‖W‖ between " + g(LOW_WARN) + " and " + g(HIGH_WARN)
        + " (the course's ~1e-3 for SGD; Adam's first steps ~ rate/rms(W))";
    String rate = model.config().optimizer().getClass().getSimpleName() + " at learning rate "
        + g(model.config().optimizer().learningRate().initial());
    if (diverged != null) {
      return new Check(name, Verdict.FAIL, "training diverged at step " + (steps + 1) + ": " + diverged, expected,
          "A step would have made the model NaN or infinite: steps far too large, or values that overflow at these"
              + " weights already (see the finite-gradient check).",
          List.of("If the gradients are finite, lower the learning rate 10× (" + rate + ").",
              "Run the learning-rate range test.", "Standardise the features."));
    }
    if (peaks.isEmpty()) {
      return Check.pass(name, "no Dense or Conv2D kernel to read", expected);
    }
    StringBuilder row = new StringBuilder();
    peaks.forEach((k, v) -> row.append(row.length() == 0 ? "" : ", ").append(Probes.owner(k)).append(' ')
        .append(g(v)));
    double typical = median(peaks.values().stream().mapToDouble(Double::doubleValue).toArray());
    String measured = "largest ‖ΔW‖/‖W‖ in the first " + Math.min(steps, JUDGED_STEPS) + " of " + steps
        + " steps by layer: " + row + "; typical (median) "
        + g(typical);
    if (Double.isNaN(typical)) {
      return new Check(name, Verdict.FAIL, measured + " (every kernel all zero)", expected,
          "Every kernel is zero and stays zero: no update to read. All-zero initialisation gives every kernel a"
              + " zero gradient.",
          List.of("Initialise the kernels randomly: Glorot for tanh, sigmoid and linear layers, He for ReLU."));
    }
    if (typical == 0) {
      return new Check(name, Verdict.FAIL, measured, expected,
          "The kernels do not move at all: their gradients are 0, so no learning rate helps. Look at the"
              + " zero-gradient and dead-ReLU checks: all-zero weights, or a layer whose units are all dead.",
          List.of("Initialise the kernels randomly (Glorot, He) and the biases at 0.",
              "Find the layer that passes nothing on (every unit dead, or a constant output)."));
    }
    if (typical > HIGH_WARN) {
      return new Check(name, typical > HIGH_FAIL ? Verdict.FAIL : Verdict.WARN, measured, expected,
          "The updates are too large: a typical layer changes by up to " + g(typical) + " of its size in one"
              + " step, so each step undoes much of what the last ones learned (and can push ReLU units dead for"
              + " good); the loss will be noisy, plateau high or diverge. The learning rate is too high (" + rate
              + ").",
          List.of("Lower the learning rate 10×, and compare the first epochs' loss.",
              "Run the learning-rate range test and take its suggestion.",
              "With SGD, check the features are standardised: large inputs make large gradients."));
    }
    if (typical < LOW_WARN) {
      return new Check(name, typical < LOW_FAIL ? Verdict.FAIL : Verdict.WARN, measured, expected,
          "The updates are too small: a typical layer changes by at most " + g(typical) + " of its size in a"
              + " step, so it takes tens of thousands of steps to change at all: the loss falls slowly, nearly"
              + " linearly. The learning rate is too low (" + rate + ").",
          List.of("Raise the learning rate 10× (or more), and compare the first epochs' loss.",
              "Run the learning-rate range test and take its suggestion.",
              "If the rate is sensible, look at the gradient checks: tiny gradients make tiny updates too."));
    }
    return Check.pass(name, measured, expected);
  }
}
