package dev.layerwise.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of {@link ConformanceSuite} in each of its modes, one dynamic test per (case, mode), and
 * writes the report to {@code target/conformance/} (Markdown and JSON) when done.
 */
class ConformanceSuiteTest {
  private static final ConformanceReport REPORT = new ConformanceReport();
  private static final Engines ENGINES = Engines.fromClassPath();

  @TestFactory
  Stream<DynamicTest> everyCaseInEveryMode() {
    return ConformanceSuite.cases().stream().flatMap(c -> c.modes().stream().map(mode ->
        DynamicTest.dynamicTest(c.name() + " [" + mode + "]", () -> {
          List<CheckRow> rows = c.check(mode, ENGINES);
          REPORT.addAll(rows);
          String failures = rows.stream().filter(r -> !r.passed()).map(CheckRow::describe)
              .collect(Collectors.joining("\n"));
          assertTrue(!rows.isEmpty(), c.name() + " [" + mode + "] compared nothing");
          assertTrue(failures.isEmpty(), failures);
        })));
  }

  @AfterAll
  static void writeReport() {
    Path dir = Path.of(System.getProperty("layerwise.conformance.reportDir", "target/conformance"));
    Path md = REPORT.write(dir);
    System.out.println("conformance report: " + md.toAbsolutePath() + " — " + REPORT.totals());
  }
}
