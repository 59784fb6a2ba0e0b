package dev.layerwise.examples.cli;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.data.DatasetSplit;
import dev.layerwise.doctor.DoctorOptions;
import dev.layerwise.doctor.DoctorReport;
import dev.layerwise.doctor.TrainingDoctor;
import dev.layerwise.doctor.Verdict;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code layerwise-doctor FILE}: the training doctor on a saved model archive, at its saved weights, with its saved
 * optimizer and loss: the checks a long training should pass first ({@link TrainingDoctor}).
 */
final class DoctorCommand {
  static final String USAGE = "FILE.layerwise [--backend tensorflow|reference] [--data fashion-mnist|FILE.csv]"
      + " [--label COLUMN] [--batch-size B] [--shuffle on|off] [--trial-epochs E] [--trial-samples N]"
      + " [--range-test on|off] [--report DIR] [--seed S]";

  private DoctorCommand() {}

  /** Runs the doctor, prints its report; returns its worst verdict. */
  static Verdict run(Arguments args, PrintStream out) {
    Path file = Path.of(args.positional(0, "FILE.layerwise"));
    String backend = args.option("--backend", "tensorflow");
    String data = args.option("--data", "fashion-mnist");
    String label = args.option("--label", null);
    int batch = args.intOption("--batch-size", 32, 1, 65_536, "the batch size the training will use");
    boolean shuffle = onOff(args, "--shuffle", true);
    int epochs = args.intOption("--trial-epochs", 5, 0, 1000, "0 for no trial fit, else at least 2");
    int samples = args.intOption("--trial-samples", 4096, 2, 10_000_000, "the trial fit's training samples");
    boolean range = onOff(args, "--range-test", true);
    String reportDir = args.option("--report", null);
    long seed = args.longOption("--seed", 1);
    args.checkAllUsed();
    if (epochs == 1) {
      throw new IllegalArgumentException("--trial-epochs expects 0 (no trial fit) or at least 2 (a curve needs two"
          + " points), got 1");
    }
    Backend on = Backend.named(backend);
    try (CompiledModel m = CompiledModel.load(file, on)) {
      if (m.model().inputNames().size() != 1 || m.model().outputNames().size() != 1) {
        throw new IllegalArgumentException("model '" + m.model().name() + "' has inputs " + m.model().inputNames()
            + " and outputs " + m.model().outputNames() + "; this command examines models of one input and one"
            + " output. Run TrainingDoctor in Java with your own data");
      }
      DatasetSplit split = DoctorData.load(m.model(), data, label, seed);
      DoctorOptions options = DoctorOptions.defaults().withBatchSize(batch).withShuffle(shuffle)
          .withTrial(epochs, samples).withRangeTest(range).withSeed(seed);
      DoctorReport report = TrainingDoctor.examine(m, split.train(), split.test(), options);
      out.println("model archive: " + file.toAbsolutePath());
      out.print(report.toText());
      if (reportDir != null) {
        out.println("report: " + report.writeHtml(Path.of(reportDir)));
      }
      return report.verdict();
    }
  }

  private static boolean onOff(Arguments args, String name, boolean fallback) {
    String v = args.option(name, fallback ? "on" : "off");
    return switch (v) {
      case "on" -> true;
      case "off" -> false;
      default -> throw new IllegalArgumentException(name + " expects on or off, got '" + v + "'");
    };
  }
}
