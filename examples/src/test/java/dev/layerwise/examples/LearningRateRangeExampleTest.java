package dev.layerwise.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.data.FashionMnist;
import dev.layerwise.doctor.Verdict;
import dev.layerwise.examples.LearningRateRangeExample.Row;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small run of the example: both sweeps on the TF backend, then one epoch on 3,000 images at each rate. The full
 * run (5 epochs, 60,000 images) takes about 25 s on 2 cores.
 */
class LearningRateRangeExampleTest {
  @Test
  void bothSweepsSuggestAWorkingRateAndDrawTheirCharts(@TempDir Path images) throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    long start = System.nanoTime();
    List<Row> rows = LearningRateRangeExample.run("tensorflow", 1, 3_000, images, 42, FashionMnist.defaultDirectory(),
        new PrintStream(buffer, true, StandardCharsets.UTF_8));
    String printed = buffer.toString(StandardCharsets.UTF_8);
    System.out.print(printed);
    System.out.printf("the small run took %.1f s%n", (System.nanoTime() - start) / 1e9);
    assertEquals(List.of("Adam", "SGD"), rows.stream().map(Row::optimizer).toList());
    for (Row r : rows) {
      assertEquals(Verdict.PASS, r.sweep().check().verdict(), printed);
      // about a decade either side of the full run's suggestions (Adam 7e-4 to 1.2e-3, SGD 0.017 to 0.021)
      double low = r.optimizer().equals("Adam") ? 1e-4 : 1e-3;
      double high = r.optimizer().equals("Adam") ? 1e-2 : 1;
      assertTrue(r.sweep().suggestion() > low && r.sweep().suggestion() < high, printed);
      // chance is 0.1: both rates learn in one short epoch
      assertTrue(r.suggestedAccuracy() > 0.5 && r.defaultAccuracy() > 0.5, printed);
      Path png = images.resolve("lr-range-" + r.optimizer().toLowerCase(java.util.Locale.ROOT) + ".png");
      assertTrue(Files.size(png) > 5_000, png.toString());
    }
    assertTrue(printed.contains("| Adam | "), printed);
  }
}
