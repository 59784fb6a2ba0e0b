package dev.layerwise.examples.cli;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.check.GradientCheck;
import dev.layerwise.check.GradientCheckReport;
import dev.layerwise.data.Dataset;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code layerwise-check model FILE}: gradient-checks a saved model archive at its saved weights.
 *
 * <pre>
 *   model FILE.layerwise [--backend reference|tensorflow] [--data random|fashion-mnist] [--samples N] [--seed S]
 * </pre>
 */
final class ModelCheckCommand {
  static final String USAGE = "model FILE.layerwise [--backend reference|tensorflow] [--data random|fashion-mnist]"
      + " [--samples N] [--seed S]";

  /** More samples only slow the finite differences down; the bound keeps the random data well within memory. */
  static final int MAX_SAMPLES = 10_000;

  private ModelCheckCommand() {}

  /** Runs the check, prints the report; returns whether it passed. */
  static boolean run(Arguments args, PrintStream out) {
    Path file = Path.of(args.positional(0, "FILE.layerwise"));
    String backend = args.option("--backend", "reference");
    String data = args.option("--data", "random");
    int samples = args.intOption("--samples", 8, 1, MAX_SAMPLES, "the batch the gradients are checked on");
    long seed = args.longOption("--seed", 1);
    args.checkAllUsed();
    Backend on = Backend.named(backend);
    // The archive is loaded where the check runs: the reference backend is cheap to compile and needs no natives.
    try (CompiledModel m = CompiledModel.load(file, Backend.named("reference"))) {
      // The data made here is one feature array and one target array; a graph archive may need several.
      if (m.model().inputNames().size() != 1 || m.model().outputNames().size() != 1) {
        throw new IllegalArgumentException("model '" + m.model().name() + "' has inputs " + m.model().inputNames()
            + " and outputs " + m.model().outputNames() + "; this command makes data for one input and one output."
            + " Check it in Java: GradientCheck.of(model).data(a Dataset with those names)");
      }
      Dataset checkData = switch (data) {
        case "random" -> CheckData.random(m.model(), m.config().lossFor(m.model().outputNames().get(0)), samples,
            seed);
        case "fashion-mnist" -> CheckData.fashionMnist(m.model());
        default -> throw new IllegalArgumentException("--data: expected random or fashion-mnist, got '" + data + "'");
      };
      GradientCheckReport report = GradientCheck.of(m).data(checkData).samples(samples).seed(seed).onBackend(on)
          .run();
      out.println("model archive: " + file.toAbsolutePath());
      out.print(report);
      return report.passed();
    }
  }
}
