package dev.layerwise.doctor;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.TrainingDivergedException;
import dev.layerwise.data.Dataset;
import dev.layerwise.losses.Loss;
import dev.layerwise.losses.SparseCategoricalCrossentropy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The course's recipe before a long training, as one call: the data, the initial loss and the penalty's share, the
 * activations, gradients and update sizes at initialisation, overfitting a tiny subset, a short trial fit whose
 * curves are read, and the learning-rate range test. Everything that trains works on copies ({@link ModelCopy}):
 * the user's model — weights, optimizer state, steps taken — is left as it was.
 *
 * <pre>{@code
 * DoctorReport report = TrainingDoctor.examine(model, train, validation, DoctorOptions.defaults());
 * System.out.print(report.toText());
 * }</pre>
 *
 * <p>Threads: it uses the model as its other read-only calls do (evaluate, predict, forward, gradients) and
 * compiles copies; do not fit the model from another thread meanwhile.
 */
public final class TrainingDoctor {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingDoctor.class);

  private TrainingDoctor() {}

  /**
   * Runs every check on {@code model} (a single-output model with a loss) and labelled {@code train} data;
   * {@code validation} may be null (the trial fit then holds out 20% of its samples).
   */
  public static DoctorReport examine(CompiledModel model, Dataset train, Dataset validation, DoctorOptions options) {
    requireNonNull(model, "TrainingDoctor: model");
    requireNonNull(train, "TrainingDoctor: train");
    requireNonNull(options, "TrainingDoctor: options");
    checkArgument(model.hasLoss(), "TrainingDoctor: the model has no loss; compile it with one");
    checkArgument(train.hasLabels(), "TrainingDoctor: the training data has no labels");
    checkArgument(validation == null || validation.hasLabels(), "TrainingDoctor: the validation data has no labels");
    long start = System.nanoTime();
    List<Check> checks = new ArrayList<>();
    List<HtmlReport.Figure> figures = new ArrayList<>();
    Dataset probe = Probes.sample(train, Probes.SAMPLES, options.seed());
    checks.addAll(data(model, train, validation, options));
    if (InitialLoss.derivedFor(model)) {
      checks.add(timed("initial loss", () -> InitialLoss.check(model, probe)));
    } else {
      LOG.info("initial loss: no expectation derived for {}; not checked", model.config().lossFor(
          model.spec().outputNames().get(0)));
    }
    checks.add(timed("regularisation share", () -> PenaltyShare.check(model, probe)));
    probes(model, train, options, checks, figures);
    checks.add(timed("tiny subset", () -> TinySubset.check(model, train, options.tinySubset())));
    if (options.trialEpochs() > 0) {
      checks.addAll(trial(model, train, validation, options, figures));
    }
    if (options.rangeTest()) {
      RangeTestResult range = LearningRateRangeTest.run(model, train, RangeTestOptions.defaults()
          .withBatchSize(options.batchSize()).withSeed(options.seed()));
      checks.add(range.check());
      figures.add(new HtmlReport.Figure("The learning-rate range test: the loss while the rate grows step by step"
          + " (on a copy); the suggestion is " + RangeTestResult.RULE + ".", range.chart()));
    }
    return new DoctorReport(model.spec().name(), checks, figures, (System.nanoTime() - start) / 1e9);
  }

  /** The data checks: label balance and class order (class-index labels), feature scale, duplicates. */
  private static List<Check> data(CompiledModel model, Dataset train, Dataset validation, DoctorOptions options) {
    List<Check> out = new ArrayList<>();
    Loss loss = model.config().lossFor(model.spec().outputNames().get(0));
    if (loss instanceof SparseCategoricalCrossentropy) {
      int classes = model.spec().outputShape().size();
      out.add(DataDiagnosis.labelBalance(train, classes));
      out.add(DataDiagnosis.classOrder(train, classes, options.shuffle()));
    }
    out.addAll(DataDiagnosis.featureScale(train));
    if (validation != null) {
      out.add(DataDiagnosis.duplicates(train, validation));
    }
    return out;
  }

  /** A short fit on a copy, its curves read, and whether the validation loss learnt anything. */
  private static List<Check> trial(CompiledModel model, Dataset train, Dataset validation, DoctorOptions options,
      List<HtmlReport.Figure> figures) {
    Dataset part = Probes.sample(train, options.trialSamples(), options.seed());
    Dataset val = validation;
    if (val == null) {
      var split = part.split(0.2, options.seed());
      part = split.train();
      val = split.test();
    }
    val = Probes.sample(val, Math.max(options.trialSamples() / 4, 2), options.seed());
    List<Check> out = new ArrayList<>();
    try (CompiledModel copy = ModelCopy.of(model)) {
      double before = copy.evaluate(val).loss();
      StepLosses steps = new StepLosses();
      StepRates rates = new StepRates();
      History h;
      try {
        h = copy.fit(part, FitOptions.builder().epochs(options.trialEpochs()).batchSize(options.batchSize())
            .shuffle(options.shuffle()).seed(options.seed()).validationData(val).verbose(0)
            .callbacks(steps, rates).build());
      } catch (TrainingDivergedException e) {
        out.add(new Check("trial fit", Verdict.FAIL, String.format(Locale.ROOT, "diverged at step %d (%s), rate"
            + " %.3g", e.step(), e.reason(), e.learningRate()), "a finite loss", "The loss went to NaN or ∞: the"
            + " steps overshoot (learning rate too high) or the data holds extreme values.",
            List.of("Divide the learning rate by 10, or take the learning-rate range test's suggestion.",
                "Check the features' scale (the data checks above).")));
        return out;
      }
      out.addAll(CurveReading.of(h, steps));
      out.add(LearningSignal.check(h, before));
      figures.addAll(CurveCharts.figures(h));
      figures.add(new HtmlReport.Figure("The trial fit's learning rate at every step (the optimizer's schedule).",
          RateCharts.perStep(rates.rates())));
    }
    return out;
  }

  /** The activations, gradients and update sizes at initialisation, with their per-layer charts. */
  private static void probes(CompiledModel model, Dataset train, DoctorOptions options, List<Check> checks,
      List<HtmlReport.Figure> figures) {
    ActivationStatistics a = ActivationStatistics.measure(model, train);
    checks.addAll(a.checks());
    bars(figures, "Each layer's activation standard deviation at initialisation, in model order: a steady fall toward"
        + " 0 is a vanishing signal (weights too small).", "Activation std per layer", "std", a.stds());
    GradientNorms g = GradientNorms.measure(model, train);
    checks.addAll(g.checks());
    bars(figures, "Each weight's gradient norm relative to its own norm, ‖∂L/∂W‖/‖W‖, on one batch at"
        + " initialisation: orders of magnitude between the first and the last layers is vanishing or exploding.",
        "Relative gradient per weight", "‖∂L/∂W‖ / ‖W‖", g.relative());
    UpdateRatios u = UpdateRatios.measure(model, train, options.batchSize(), options.updateSteps());
    checks.addAll(u.checks());
    List<Double> all = u.perStep().values().stream().flatMap(v -> Arrays.stream(v).boxed()).toList();
    if (all.stream().anyMatch(Double::isFinite)) {
      boolean log = allPositive(all);
      figures.add(new HtmlReport.Figure("Each kernel's update relative to its size, ‖ΔW‖/‖W‖, over the first steps"
          + " (on a copy), against the course's ~1e-3.", LayerCharts.lines("Update / weight ratio", "step",
              "‖ΔW‖ / ‖W‖", u.perStep(), log, log ? 1e-3 : Double.NaN)));
    }
  }

  /** A bar per layer, on a log axis when it can show every value; none when no value is finite (nothing to draw). */
  private static void bars(List<HtmlReport.Figure> figures, String caption, String title, String yLabel,
      java.util.Map<String, Double> perLayer) {
    if (perLayer.values().stream().anyMatch(Double::isFinite)) {
      figures.add(new HtmlReport.Figure(caption, LayerCharts.bars(title, yLabel, perLayer,
          allPositive(perLayer.values()))));
    }
  }

  /** Whether a log axis can show these values: all finite ones above 0 and at least one finite. */
  private static boolean allPositive(java.util.Collection<Double> values) {
    return values.stream().anyMatch(Double::isFinite)
        && values.stream().filter(Double::isFinite).allMatch(v -> v > 0);
  }


  private static Check timed(String what, java.util.function.Supplier<Check> check) {
    long t = System.nanoTime();
    Check c = check.get();
    LOG.debug("{}: {} in {} ms", what, c.verdict(), (System.nanoTime() - t) / 1_000_000);
    return c;
  }
}
