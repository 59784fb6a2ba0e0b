package dev.layerwise.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every case of {@link ConformanceSuite} in each of its modes, one dynamic test per (case, mode), in the
 * order and with the checks {@link ConformanceMain} uses, and when done writes the report to
 * {@code target/conformance/} (Markdown and JSON) and checks that the published {@code docs/conformance.md} still
 * says the same thing: the same rows with the same statuses and the same totals ({@link PublishedReport}).
 */
class ConformanceSuiteTest {
  private static final Logger LOG = LoggerFactory.getLogger(ConformanceSuiteTest.class);
  private static final ConformanceReport REPORT = new ConformanceReport();
  private static final Engines ENGINES = Engines.fromClassPath();

  @TestFactory
  Stream<DynamicTest> everyCaseInEveryMode() {
    return ConformanceRun.all().stream().map(run -> DynamicTest.dynamicTest(run.name(), () -> {
      List<CheckRow> rows = run.check(ENGINES);
      REPORT.addAll(rows);
      String failures = rows.stream().filter(r -> !r.passed()).map(CheckRow::describe)
          .collect(Collectors.joining("\n"));
      assertTrue(!rows.isEmpty(), run.name() + " compared nothing");
      assertTrue(failures.isEmpty(), failures);
    }));
  }

  @AfterAll
  static void writeReportAndCheckThePublishedOne() {
    Path dir = Path.of(System.getProperty("layerwise.conformance.reportDir", "target/conformance"));
    Path md = REPORT.write(dir);
    LOG.info("conformance report: {} — {}", md.toAbsolutePath(), REPORT.totals());
    long runsDone = REPORT.rows().stream().map(r -> r.caseName() + " [" + r.mode() + "]").distinct().count();
    if (REPORT.failed() > 0 || runsDone < ConformanceRun.all().size()) {
      LOG.info("not comparing with the published report: this run failed or ran {} of {} (case, mode) runs",
          runsDone, ConformanceRun.all().size());
      return;
    }
    PublishedReport.assertCurrent(ReportDigest.of(REPORT), PublishedReport.path());
  }
}
