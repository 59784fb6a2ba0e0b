package dev.layerwise.conformance;

import dev.layerwise.io.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows of a run, and the report they make: Markdown for people ({@link ReportMarkdown}: a header of what the
 * numbers depend on, a table per case, the registry of expected differences, and the closing line
 * {@code N passed, N failed}) and JSON beside it for tools and trend tracking ({@link ReportJson}).
 *
 * <p>Thread-safe: JUnit may add rows from several dynamic tests.
 */
public final class ConformanceReport {
  /** The Markdown file's name in the report folder; the JSON file is {@link #JSON}. */
  public static final String MARKDOWN = "conformance.md";
  public static final String JSON = "conformance.json";

  private final List<CheckRow> rows = new ArrayList<>();

  public synchronized void addAll(List<CheckRow> more) {
    rows.addAll(more);
  }

  public synchronized List<CheckRow> rows() {
    return List.copyOf(rows);
  }

  public synchronized long passed() {
    return rows.stream().filter(CheckRow::passed).count();
  }

  public synchronized long failed() {
    return rows.size() - passed();
  }

  /** The rows that did not pass (FAIL, XPASS, ERROR), in run order. */
  public synchronized List<CheckRow> failures() {
    return rows.stream().filter(r -> !r.passed()).toList();
  }

  /** The modes the rows were checked in, in {@link Mode} order. */
  public synchronized Set<Mode> modes() {
    Set<Mode> modes = EnumSet.noneOf(Mode.class);
    rows.forEach(r -> modes.add(r.mode()));
    return modes;
  }

  /** The closing line, {@code N passed, N failed}. */
  public String totals() {
    return totals(passed(), failed());
  }

  static String totals(long passed, long failed) {
    return passed + " passed, " + failed + " failed";
  }

  /**
   * Writes {@link #MARKDOWN} and {@link #JSON} into a folder, each atomically (a reader never sees half a report);
   * returns the Markdown file.
   */
  public Path write(Path dir) {
    Map<String, String> environment = Environment.describe();
    try {
      Files.createDirectories(dir);
      Path md = dir.resolve(MARKDOWN);
      writeAtomically(md, markdown(environment));
      writeAtomically(dir.resolve(JSON), json(environment));
      return md;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the conformance report to " + dir.toAbsolutePath(), e);
    }
  }

  private static void writeAtomically(Path target, String text) throws IOException {
    AtomicFile.write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  public String markdown() {
    return markdown(Environment.describe());
  }

  public synchronized String markdown(Map<String, String> environment) {
    return new ReportMarkdown(rows(), environment, ExpectedDifference.REGISTRY).render();
  }

  public String json() {
    return json(Environment.describe());
  }

  public synchronized String json(Map<String, String> environment) {
    return new ReportJson(rows(), environment, ExpectedDifference.REGISTRY).render();
  }
}
