package dev.layerwise.examples.cli;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.Evaluation;
import dev.layerwise.FitOptions;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.DatasetSplit;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.metrics.Metric;
import dev.layerwise.tuning.Hyperparameters;
import dev.layerwise.tuning.ModelFactory;
import dev.layerwise.tuning.Study;
import dev.layerwise.tuning.StudyResult;
import dev.layerwise.tuning.TrialContext;
import dev.layerwise.tuning.TrialSummary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The search command line ({@code bin/layerwise-tune}): runs the search a study file describes ({@link StudyFile})
 * on the Fashion-MNIST MLP ({@link MlpFactory}), 54,000 training images and 6,000 held out to rank the trials; writes
 * the journal, the trials' archives and the results (CSV, Markdown, charts, the best archive) under the study's
 * folder; evaluates the best trial on the test set, once; and, unless {@code --baseline off}, trains the main job's
 * MLP for as many epochs with the same seed and evaluates it too, for comparison. Run it again on the same folder
 * after a kill: finished trials are not rerun.
 *
 * <pre>
 *   layerwise-tune STUDY_FILE [--backend tensorflow|reference] [--baseline on|off]
 * </pre>
 *
 * Exit status: 0 the search ran, 2 a mistake in the arguments or the study file (named), 3 an unexpected error.
 */
public final class LayerwiseTune {
  static final String USAGE = "usage:\n  layerwise-tune STUDY_FILE [--backend tensorflow|reference] [--baseline on|off]";

  private LayerwiseTune() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** The whole command without {@code System.exit}: returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println(USAGE);
      return 2;
    }
    return ExitStatus.of("layerwise-tune", () -> tune(new Arguments(Arrays.asList(args)), out), err);
  }

  private static int tune(Arguments args, PrintStream out) {
    StudyFile file = StudyFile.read(Path.of(args.positional(0, "STUDY_FILE")));
    Backend backend = Backend.named(args.option("--backend", "tensorflow"));
    boolean baseline = !args.option("--baseline", "on").equals("off");
    args.checkAllUsed();
    FashionMnist.Splits data = FashionMnist.load(FashionMnist.defaultDirectory());
    DatasetSplit split = data.train().split(0.1, 7);
    Dataset train = split.train().take(file.integer("train-samples", split.train().size()));
    Study study = file.asynchronous()
        ? Study.asynchronous(file.dir(), file.asha(), file.objective(), train, split.test())
        : Study.in(file.dir(), file.strategy(), file.objective(), train, split.test());
    study.backend(backend).workers(file.integer("workers", 1)).seed(file.integer("seed", 42));
    if (file.settings().containsKey("threads-per-trial")) {
      study.threadsPerTrial(file.integer("threads-per-trial", 1));
    }
    long start = System.nanoTime();
    StudyResult result = study.run(new MlpFactory());
    double seconds = (System.nanoTime() - start) / 1e9;
    result.write(file.dir().resolve("results"));
    int epochs = result.table().rows().stream().mapToInt(TrialSummary::epochs).sum();
    out.printf(Locale.ROOT, "%d trials, %d epochs trained, %.1f s; results in %s%n", result.table().rows().size(),
        epochs, seconds, file.dir().resolve("results"));
    out.print(result.table().toMarkdown());
    Optional<TrialSummary> best = result.best();
    if (best.isEmpty()) {
      out.println("no trial finished: see the reasons above");
      return 0;
    }
    try (CompiledModel m = CompiledModel.load(result.bestArchive().orElseThrow(), backend)) {
      Evaluation test = m.evaluate(data.test());
      out.printf(Locale.ROOT, "best trial %d %s: validation %s %.4f; test accuracy %.4f (the test set's one use)%n",
          best.get().number(), best.get().params(), result.table().objective(), best.get().objective(),
          test.metric(Metric.ACCURACY));
    }
    if (baseline) {
      int e = best.get().epochs();
      try (CompiledModel m = new MlpFactory().build(new TrialContext(0, Hyperparameters.empty(),
          file.integer("seed", 42), backend)).model()) {
        m.fit(train, FitOptions.builder().epochs(e).batchSize(32).seed(file.integer("seed", 42)).quiet().build());
        out.printf(Locale.ROOT, "the main job's MLP (units 128, Adam 1e-3, no L2), %d epochs, same seed: test"
            + " accuracy %.4f%n", e, m.evaluate(data.test()).metric(Metric.ACCURACY));
      }
    }
    return 0;
  }
}
