package dev.layerwise.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The report committed as {@code docs/conformance.md}, held to the suite: it must show the rows, statuses and
 * totals a fresh run produces (its numbers may differ by machine). A stale page fails the build with the
 * command that regenerates it.
 */
final class PublishedReport {
  static final String REGENERATE = "bin/conformance-report --docs";
  private static final int SHOWN_DIFFERENCES = 20;

  private PublishedReport() {}

  /** {@code docs/conformance.md}: the surefire configuration passes its absolute path. */
  static Path path() {
    return Path.of(System.getProperty("layerwise.conformance.publishedReport", "../docs/conformance.md"));
  }

  /**
   * Fails, listing the differences and the command to run, unless the page at {@code published} says what
   * {@code run} says.
   */
  static void assertCurrent(ReportDigest run, Path published) {
    if (!Files.isRegularFile(published)) {
      fail("the published conformance report " + published.toAbsolutePath().normalize() + " is missing: run `" + REGENERATE
          + "` and commit docs/conformance.md and docs/conformance.json");
    }
    ReportDigest page;
    try {
      page = ReportDigest.parse(Files.readString(published));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the published conformance report " + published, e);
    }
    List<String> differences = run.differencesFrom(page, SHOWN_DIFFERENCES);
    if (!differences.isEmpty()) {
      fail("the published conformance report " + published.toAbsolutePath().normalize() + " is stale; how it differs from"
          + " this run:\n  " + String.join("\n  ", differences) + "\nRun `" + REGENERATE + "` and commit"
          + " docs/conformance.md and docs/conformance.json.");
    }
  }
}
