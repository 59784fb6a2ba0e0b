package dev.layerwise.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.conformance.keras.KerasCase;
import dev.layerwise.conformance.keras.KerasOptimizerCases;
import dev.layerwise.conformance.keras.KerasParity;
import dev.layerwise.conformance.keras.KerasScheduleCases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keras 3's own optimizer and schedule tests, with their expected values and tolerances ({@link KerasOptimizerCases},
 * {@link KerasScheduleCases}), pass on both backends, and {@code docs/optimizers.md} shows this run's tables.
 */
class KerasParityTest {
  private static final Path PAGE = Path.of("..", "docs", "optimizers.md");
  private static final String REGENERATE = "TF_ENABLE_ONEDNN_OPTS=0 mvn -q -pl conformance-tests exec:java"
      + " -Dexec.mainClass=" + KerasParity.class.getName() + " -Dlayerwise.tf.threads=1";
  /** A number in a table cell. */
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?(?:e[-+]?\\d+)?");
  /** Below float32's resolution of O(1) values: equal. */
  private static final double ABSOLUTE = 1e-7;
  /** Values are written with seven significant digits, differences with two. */
  private static final double VALUE_RTOL = 1e-6;
  private static final double DIFFERENCE_RTOL = 0.1;

  private static List<KerasParity.Row> optimizerRows;
  private static List<KerasParity.Row> scheduleRows;

  private static synchronized List<KerasParity.Row> optimizers() {
    if (optimizerRows == null) {
      optimizerRows = KerasParity.run(KerasOptimizerCases.all());
    }
    return optimizerRows;
  }

  private static synchronized List<KerasParity.Row> schedules() {
    if (scheduleRows == null) {
      scheduleRows = KerasParity.run(KerasScheduleCases.all());
    }
    return scheduleRows;
  }

  @TestFactory
  Stream<DynamicTest> everyKerasValueIsReproducedOnBothBackends() {
    List<KerasCase> cases = new ArrayList<>(KerasOptimizerCases.all());
    cases.addAll(KerasScheduleCases.all());
    assertEquals(27 + 30, cases.size(), "the Keras tests carried over");
    return Stream.concat(optimizers().stream(), schedules().stream()).map(row -> DynamicTest.dynamicTest(
        row.kerasCase().test() + " " + row.kerasCase().setting(), () -> {
          KerasCase c = row.kerasCase();
          assertTrue(c.passes(row.reference()), c + "\nreference: " + Arrays.toString(row.reference()));
          assertTrue(c.passes(row.tensorflow()), c + "\nTF: " + Arrays.toString(row.tensorflow()));
        }));
  }

  @Test
  void theOptimizersPageShowsThisRunsTables() throws IOException {
    List<String> page = Files.readAllLines(PAGE);
    assertTable(page, "keras-optimizers", KerasParity.table(optimizers()));
    assertTable(page, "keras-schedules", KerasParity.table(schedules()));
  }

  /** The rows after the marker, cell by cell ({@link #sameCell} for Layerwise's numbers, exact for the rest). */
  private static void assertTable(List<String> page, String name, String fresh) {
    int marker = page.indexOf("<!-- table: " + name + " -->");
    assertTrue(marker >= 0, PAGE + " has no table '" + name + "'; generate it with " + REGENERATE);
    List<String> published = new ArrayList<>();
    for (int i = marker + 1; i < page.size() && page.get(i).startsWith("|"); i++) {
      published.add(page.get(i));
    }
    List<String> mine = fresh.lines().toList();
    String hint = "\n" + PAGE + " is stale; regenerate with " + REGENERATE + "\nthis run:\n" + fresh;
    assertEquals(mine.size(), published.size(), "rows of table '" + name + "'" + hint);
    for (int r = 0; r < mine.size(); r++) {
      String[] a = mine.get(r).split("(?<!\\\\)\\|", -1);
      String[] b = published.get(r).split("(?<!\\\\)\\|", -1);
      assertEquals(a.length, b.length, "cells of row " + r + hint);
      for (int c = 0; c < a.length; c++) {
        // Layerwise's values (columns 5, 6) and their differences from Keras's (7) may move in the last digit of
        // float32 from CPU to CPU; everything else is exact
        boolean same = c == 5 || c == 6 ? sameCell(a[c].strip(), b[c].strip(), VALUE_RTOL)
            : c == 7 ? sameCell(a[c].strip(), b[c].strip(), DIFFERENCE_RTOL) : a[c].strip().equals(b[c].strip());
        assertTrue(same, "table '" + name + "', row " + r + ", cell " + c + ": '" + b[c].strip() + "' published, '"
            + a[c].strip() + "' now" + hint);
      }
    }
  }

  /**
   * The same text around the numbers, and each number within {@code 1e-7 + rtol·|number|} of the other: float32's
   * noise, and the rounding of seven significant digits (values) or two (differences).
   */
  static boolean sameCell(String mine, String published, double rtol) {
    if (!NUMBER.matcher(mine).replaceAll("#").equals(NUMBER.matcher(published).replaceAll("#"))) {
      return false;
    }
    Matcher x = NUMBER.matcher(mine);
    Matcher y = NUMBER.matcher(published);
    while (x.find() && y.find()) {
      double a = Double.parseDouble(x.group());
      double b = Double.parseDouble(y.group());
      if (!(Math.abs(a - b) <= ABSOLUTE + rtol * Math.max(Math.abs(a), Math.abs(b)))) {
        return false;
      }
    }
    return true;
  }

  @Test
  void cellsMatchToFloat32sNoiseAndNoFurther() {
    assertTrue(sameCell("0.4686062, 1.468606", "0.4686061, 1.468607", VALUE_RTOL));
    assertTrue(!sameCell("0.4686062", "0.4687062", VALUE_RTOL));
    assertTrue(!sameCell("0.5, 1.5", "0.5, 1.6", VALUE_RTOL));
    assertTrue(sameCell("1.6e-06 / 1.5e-06", "1.7e-06 / 1.5e-06", DIFFERENCE_RTOL));
    assertTrue(sameCell("0 / 4.8e-08", "0 / 0", DIFFERENCE_RTOL));
    assertTrue(!sameCell("1.6e-06 / 1.5e-06", "1.9e-06 / 1.5e-06", DIFFERENCE_RTOL));
    assertTrue(!sameCell("PASS", "FAIL", VALUE_RTOL));
  }
}
