package dev.layerwise.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import dev.layerwise.doctor.Charts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The results table's order, its CSV and Markdown, and the charts of the objective against each parameter. */
class ResultsTableTest {
  @TempDir Path dir;

  private static TrialSummary trial(int n, double lr, Object momentum, String status, double objective) {
    Map<String, Object> p = momentum == null ? Map.of("lr", lr) : new java.util.LinkedHashMap<>(Map.of("lr", lr));
    if (momentum != null) {
      p.put("momentum", momentum);
    }
    return new TrialSummary(n, "t" + n, p, status, objective, Double.isNaN(objective) ? Map.of()
        : Map.of("val_accuracy", objective), 5, 1.5 * n, status.equals("FAILED") ? "loss NaN at step 3, a|b" : "");
  }

  private static final List<TrialSummary> TRIALS = List.of(trial(1, 1e-3, 0.9, "DONE", 0.84),
      trial(2, 3e-2, null, "FAILED", Double.NaN), trial(3, 2e-3, 0.5, "DONE", 0.87), trial(4, 1e-4, null, "DONE",
          0.81));

  @Test
  void theBestComesFirstAndTrialsWithoutAnObjectiveLast() {
    ResultsTable t = new ResultsTable(TRIALS, "val_accuracy", true);
    assertEquals(List.of(3, 1, 4, 2), t.rows().stream().map(TrialSummary::number).toList());
    ResultsTable loss = new ResultsTable(TRIALS, "val_loss", false);
    assertEquals(List.of(4, 1, 3, 2), loss.rows().stream().map(TrialSummary::number).toList());
  }

  @Test
  void theCsvReadsBackWithEveryColumn() throws Exception {
    String csv = new ResultsTable(TRIALS, "val_accuracy", true).toCsv();
    List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
        .parse(new StringReader(csv)).getRecords();
    assertEquals(4, records.size());
    assertEquals("3", records.get(0).get("trial"));
    assertEquals("0.002000", records.get(0).get("lr"));
    assertEquals("", records.get(2).get("momentum"), "a conditional parameter absent");
    assertEquals("loss NaN at step 3, a|b", records.get(3).get("reason"), "quoted, comma and all");
    assertEquals("", records.get(3).get("val_accuracy"));
  }

  @Test
  void theMarkdownMarksTheBestAndEscapesPipes() {
    String md = new ResultsTable(TRIALS, "val_accuracy", true).toMarkdown();
    String[] lines = md.split("\n");
    assertEquals("| trial | lr | momentum | status | objective | val_accuracy | epochs | seconds | reason |",
        lines[0]);
    assertTrue(lines[2].startsWith("| 3 | 0.002000 | 0.5000 | DONE | **0.8700** |"), lines[2]);
    assertTrue(lines[5].endsWith("| loss NaN at step 3, a\\|b |"), lines[5]);
  }

  @Test
  void theObjectiveIsDrawnAgainstEachNumericParameterOnItsScale() throws Exception {
    ResultsTable t = new ResultsTable(TRIALS, "val_accuracy", true);
    var charts = StudyCharts.objectiveAgainstEach(t, "val_accuracy", Set.of("lr"));
    assertEquals(2, charts.size(), "lr and momentum");
    assertTrue(charts.get(0).getStyler().isXAxisLogarithmic());
    Path png = Charts.writePng(charts.get(0), dir.resolve("lr.png"));
    assertEquals(Charts.WIDTH, ImageIO.read(Files.newInputStream(png)).getWidth());
    var e = assertThrows(IllegalArgumentException.class, () -> StudyCharts.objectiveAgainstEach(
        new ResultsTable(List.of(trial(1, 0, null, "DONE", 0.5)), "val_accuracy", true), "val_accuracy",
        Set.of("lr")));
    assertTrue(e.getMessage().contains("parameter 'lr' is on a log scale"), e.getMessage());
  }
}
