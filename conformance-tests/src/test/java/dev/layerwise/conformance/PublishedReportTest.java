package dev.layerwise.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * The staleness check {@link ConformanceSuiteTest} applies to {@code docs/conformance.md}: the Markdown reads
 * back into the digest it was written from, and a page that differs from the run in one status, one row or its
 * totals fails with the command that regenerates it. The committed page itself must parse and add up.
 */
class PublishedReportTest {
  private static final Map<String, String> ENV = Map.of("Layerwise", "test");

  private static CheckRow row(String caseName, Mode mode, String tensor, Status status, String note) {
    return new CheckRow(caseName, mode, tensor, "[2, 3]", mode.label(), 1e-7, 2e-7, 1e-6, 1e-5, "x32-forward",
        status == Status.PASS ? 0.1 : 3, new int[] {1, 2}, 0.5, 0.5000001, status, note);
  }

  private static ConformanceReport report() {
    ConformanceReport r = new ConformanceReport();
    r.addAll(List.of(row("dense", Mode.X32, "output", Status.PASS, ""),
        row("dense", Mode.FD64, "dx", Status.PASS, "h = 1e-5·max(1,|θ|)"),
        row("bce_clip", Mode.X32, "loss", Status.XFAIL, "float32 | cannot hold 1 − 1e-7"),
        row("relu", Mode.X64, "(exception)", Status.ERROR, "IllegalStateException: boom")));
    return r;
  }

  @Test
  void theMarkdownReadsBackIntoItsDigest() {
    ConformanceReport r = report();
    ReportDigest parsed = ReportDigest.parse(r.markdown(ENV));
    assertEquals(ReportDigest.of(r), parsed);
    assertEquals("3 passed, 1 failed", parsed.totals());
    assertEquals(4, parsed.rows().size());
    assertTrue(r.markdown(ENV).contains("h = 1e-5·max(1,\\|θ\\|)"), "a | inside a cell must be escaped");
  }

  @Test
  void aPageMatchingTheRunPasses(@TempDir Path dir) throws IOException {
    ConformanceReport r = report();
    Path page = Files.writeString(dir.resolve("conformance.md"), r.markdown(ENV));
    PublishedReport.assertCurrent(ReportDigest.of(r), page);
  }

  @Test
  void aPageWithOneStatusChangedIsStale(@TempDir Path dir) throws IOException {
    ConformanceReport r = report();
    String md = r.markdown(ENV);
    String edited = md.replaceFirst("\\| PASS — h = ", "| FAIL — h = ");
    assertTrue(!edited.equals(md), "the edit did not apply");
    Path page = Files.writeString(dir.resolve("conformance.md"), edited);
    AssertionFailedError e = assertThrows(AssertionFailedError.class,
        () -> PublishedReport.assertCurrent(ReportDigest.of(r), page));
    assertTrue(e.getMessage().contains("status changed: dense [FD64] dx (analytic vs fd64): the run has PASS, the"
        + " published report FAIL"), e.getMessage());
    assertTrue(e.getMessage().contains("bin/conformance-report --docs"), e.getMessage());
  }

  @Test
  void aPageWithARowMissingOrOtherTotalsIsStale(@TempDir Path dir) throws IOException {
    ConformanceReport r = report();
    ConformanceReport more = report();
    more.addAll(List.of(row("dense_square", Mode.X32, "dx", Status.PASS, "")));
    Path page = Files.writeString(dir.resolve("conformance.md"), r.markdown(ENV));
    AssertionFailedError e = assertThrows(AssertionFailedError.class,
        () -> PublishedReport.assertCurrent(ReportDigest.of(more), page));
    assertTrue(e.getMessage().contains("totals: the run has '4 passed, 1 failed', the published report '3 passed,"
        + " 1 failed'"), e.getMessage());
    assertTrue(e.getMessage().contains("missing from the published report: dense_square [X32] dx"), e.getMessage());
  }

  @Test
  void aMissingPageFailsWithTheCommand(@TempDir Path dir) {
    AssertionFailedError e = assertThrows(AssertionFailedError.class,
        () -> PublishedReport.assertCurrent(ReportDigest.of(report()), dir.resolve("conformance.md")));
    assertTrue(e.getMessage().contains("is missing: run `bin/conformance-report --docs`"), e.getMessage());
  }

  @Test
  void theCommittedPageParsesAndAddsUp() throws IOException {
    String md = Files.readString(PublishedReport.path());
    ReportDigest page = ReportDigest.parse(md);
    long passed = page.rows().stream().filter(k -> k.status() == Status.PASS || k.status() == Status.XFAIL).count();
    assertTrue(page.rows().size() > 1000, "docs/conformance.md has only " + page.rows().size() + " rows");
    assertEquals(ConformanceReport.totals(passed, page.rows().size() - passed), page.totals());
    assertEquals(ConformanceRun.all().size(), page.rows().stream().map(k -> k.caseName() + k.mode()).distinct()
        .count(), "docs/conformance.md does not cover every (case, mode) run of the suite");
    // One status edited in a copy of the committed page makes it stale.
    String edited = md.replaceFirst("\\| PASS \\|\n", "| FAIL |\n"); // the end of a case row
    assertTrue(!edited.equals(md), "no plain PASS row to edit");
    assertEquals(1, page.differencesFrom(ReportDigest.parse(edited), 10).stream()
        .filter(d -> d.startsWith("status changed:")).count());
  }
}
