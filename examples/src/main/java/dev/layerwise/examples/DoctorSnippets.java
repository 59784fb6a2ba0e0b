package dev.layerwise.examples;

import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.data.Dataset;
import dev.layerwise.doctor.Check;
import dev.layerwise.doctor.CurveReading;
import dev.layerwise.doctor.DataDiagnosis;
import dev.layerwise.doctor.DoctorOptions;
import dev.layerwise.doctor.DoctorReport;
import dev.layerwise.doctor.InitialLoss;
import dev.layerwise.doctor.StepLosses;
import dev.layerwise.doctor.TrainingDoctor;
import dev.layerwise.doctor.Verdict;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The code samples of {@code docs/doctor.md}, verbatim between {@code // region NAME} and {@code // endregion NAME}.
 * {@code DocSnippetsTest} checks the page shows exactly these lines; {@code DoctorSnippetsTest} checks what they do.
 */
public final class DoctorSnippets {
  private DoctorSnippets() {}

  /** The whole doctor in one call on a compiled model, printed and written as a one-page HTML report. */
  public static DoctorReport examine(CompiledModel model, Dataset train, Dataset validation, Path reportDir,
      PrintStream out) {
    // region doctor-examine
    DoctorReport report = TrainingDoctor.examine(model, train, validation, DoctorOptions.defaults());
    out.print(report.toText());                             // failures first, each with its reading
    report.writeHtml(reportDir);                            // index.html and the charts as PNGs
    if (report.verdict() == Verdict.FAIL) {
      // fix what the failed checks name before the long training
    }
    // endregion doctor-examine
    return report;
  }

  /** The recipe on a fresh 10-class model: the data, the initial loss, a fit, the curves; prints every check. */
  public static List<Check> recipe(CompiledModel model, Dataset train, Dataset validation, FitOptions options,
      PrintStream out) {
    // region doctor-recipe
    List<Check> checks = new ArrayList<>();
    checks.add(DataDiagnosis.labelBalance(train, 10));
    checks.addAll(DataDiagnosis.featureScale(train));
    checks.add(DataDiagnosis.duplicates(train, validation));
    checks.add(DataDiagnosis.classOrder(train, 10, options.shuffle()));
    checks.add(InitialLoss.check(model, train));            // before fit: evaluates, changes nothing
    History history = model.fit(train, options);
    checks.addAll(CurveReading.of(history));
    checks.forEach(c -> out.println(c.toText()));
    // endregion doctor-recipe
    return checks;
  }

  /** A fit that records every step's loss, and the curve readings with the step noise; prints the last reading. */
  public static Check noise(CompiledModel model, Dataset train, int batchSize, PrintStream out) {
    // region doctor-noise
    StepLosses steps = new StepLosses();                    // records; multi-step calls stay on
    History history = model.fit(train, FitOptions.builder().epochs(2).batchSize(batchSize).callbacks(steps)
        .quiet().build());
    List<Check> readings = CurveReading.of(history, steps);  // the last one: "step noise"
    out.println(readings.get(readings.size() - 1).toText());
    // endregion doctor-noise
    return readings.get(readings.size() - 1);
  }
}
