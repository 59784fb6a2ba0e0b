package dev.layerwise.tuning;

import dev.layerwise.tuning.journal.EpochReported;
import dev.layerwise.tuning.journal.StudyState;
import dev.layerwise.tuning.journal.TrialRecord;
import dev.layerwise.doctor.Charts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.knowm.xchart.XYChart;

/**
 * A study's trials as its journal has them: the results table, the best trial and its archive, the charts.
 *
 * @param table the trials, best first
 * @param curves each trial's per-epoch metrics, by trial id
 * @param archives where each finished trial's archive is (a local path, or a URI for a study on Hadoop paths), by
 *     trial number
 * @param logScale the hyperparameters sampled on a log scale (their chart axes are logarithmic)
 */
public record StudyResult(ResultsTable table, Map<String, List<EpochReported>> curves, Map<Integer, String> archives,
    Set<String> logScale) {

  static StudyResult of(StudyState state, Objective objective, SearchSpace space) {
    List<TrialSummary> rows = new ArrayList<>();
    Map<String, List<EpochReported>> curves = new LinkedHashMap<>();
    Map<Integer, String> archives = new LinkedHashMap<>();
    for (TrialRecord t : state.trials().values()) {
      int number = t.start().number();
      int epochs = t.curve().isEmpty() ? 0 : t.curve().get(t.curve().size() - 1).epoch();
      double seconds = t.finish() == null ? 0 : t.finish().seconds();
      String reason = t.finish() == null || t.finish().reason() == null ? "" : t.finish().reason();
      rows.add(new TrialSummary(number, t.trialId(), t.params(), t.status().name(), t.objective(),
          t.finalMetrics(), epochs, seconds, reason));
      curves.put(t.trialId(), t.curve());
      if (t.finish() != null && t.finish().archive() != null) {
        archives.put(number, t.finish().archive());
      }
    }
    return new StudyResult(new ResultsTable(rows, objective.key(), objective.higherIsBetter()), curves, archives,
        space.logScaleNames());
  }

  /** The best finished trial, if any finished. */
  public Optional<TrialSummary> best() {
    return table.rows().stream().filter(t -> !Double.isNaN(t.objective())).findFirst();
  }

  /**
   * The region around this study's best {@code topK} trials ({@link Zoom#around}, each range widened by
   * {@code widen}): the space a new study starts from when the data has changed — re-tune, but near what worked.
   *
   * @param space the space this study searched
   */
  public SearchSpace bestRegion(SearchSpace space, int topK, double widen) {
    List<Hyperparameters> best = table.rows().stream().filter(t -> !Double.isNaN(t.objective())).limit(topK)
        .map(t -> AshaLoop.paramsOf(t.params())).toList();
    if (best.isEmpty()) {
      throw new IllegalStateException("StudyResult.bestRegion: no trial finished, so there is no best region");
    }
    return Zoom.around(space, space, best, widen, Math.max(topK, 1));
  }

  /**
   * The best trial's archive on this machine: load it to evaluate on the test set, once.
   *
   * @throws IllegalStateException when the archive is on a remote file system (a Spark study on HDFS or S3A): use
   *     {@link #bestArchiveLocation()} and copy it here first
   */
  public Optional<Path> bestArchive() {
    return bestArchiveLocation().map(Locations::localPath);
  }

  /** Where the best trial's archive is: a local path, or a URI ({@code hdfs://…}, {@code s3a://…}). */
  public Optional<String> bestArchiveLocation() {
    return best().map(t -> archives.get(t.number()));
  }

  /**
   * Writes {@code results.csv}, {@code results.md}, one PNG per numeric hyperparameter
   * ({@code objective-vs-NAME.png}), the best trial's curves ({@code best-curves.png}) and a copy of its archive
   * ({@code best.layerwise}, written to a temporary name and moved) into {@code dir}.
   */
  public void write(Path dir) {
    try {
      Files.createDirectories(dir);
      writeAtomically(dir.resolve("results.csv"), table.toCsv());
      writeAtomically(dir.resolve("results.md"), table.toMarkdown());
      for (XYChart c : StudyCharts.objectiveAgainstEach(table, table.objective(), logScale)) {
        String p = c.getXAxisTitle();
        Charts.writePng(c, dir.resolve("objective-vs-" + p.replaceAll("[^A-Za-z0-9_.-]", "_") + ".png"));
      }
      Optional<TrialSummary> best = best();
      if (best.isPresent()) {
        Map<String, double[]> series = new LinkedHashMap<>();
        List<EpochReported> curve = curves.get(best.get().id());
        for (EpochReported e : curve) {
          e.metrics().keySet().forEach(k -> series.putIfAbsent(k, new double[curve.size()]));
        }
        for (int i = 0; i < curve.size(); i++) {
          for (Map.Entry<String, double[]> s : series.entrySet()) {
            s.getValue()[i] = curve.get(i).metrics().getOrDefault(s.getKey(), Double.NaN);
          }
        }
        series.remove("learning_rate");
        if (!series.isEmpty()) {
          Charts.writePng(StudyCharts.curves("Best trial (" + best.get().id() + ") per epoch", series),
              dir.resolve("best-curves.png"));
        }
        String location = archives.get(best.get().number());
        Path archive = location == null || !Locations.isLocal(location) ? null : Locations.localPath(location);
        if (archive != null && Files.exists(archive)) {
          Path tmp = dir.resolve(".best.layerwise.tmp");
          Files.copy(archive, tmp, StandardCopyOption.REPLACE_EXISTING);
          Files.move(tmp, dir.resolve("best.layerwise"), StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("study results in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void writeAtomically(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
