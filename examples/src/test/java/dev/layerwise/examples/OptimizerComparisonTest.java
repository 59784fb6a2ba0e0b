package dev.layerwise.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.data.FashionMnist;
import dev.layerwise.examples.OptimizerComparison.Contender;
import dev.layerwise.examples.OptimizerComparison.Outcome;
import dev.layerwise.examples.OptimizerComparison.Row;
import dev.layerwise.examples.OptimizerComparison.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The optimizer comparison as the guide runs it: every optimizer trains the Fashion-MNIST MLP for 2 epochs on the TF
 * backend (about 20 s in all on a 2-core machine) and must learn, and the guide's table must be this run's.
 */
class OptimizerComparisonTest {
  private static final int EPOCHS = 2;
  /** Chance is 0.1; every optimizer reaches 0.83–0.87 in two epochs. */
  private static final double LEARNED = 0.80;
  /** How far the guide's numbers may be from a fresh run (another CPU rounds float32 differently). */
  private static final double GUIDE_TOLERANCE = 0.02;

  private static Outcome outcome;
  private static String printed;

  @BeforeAll
  static void runComparison() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    long start = System.nanoTime();
    outcome = OptimizerComparison.run(new Settings("tensorflow", EPOCHS, 32, FashionMnist.defaultDirectory(), 42),
        new PrintStream(buffer, true, StandardCharsets.UTF_8));
    printed = buffer.toString(StandardCharsets.UTF_8);
    System.out.print(printed);
    System.out.printf("the comparison took %.1f s%n", (System.nanoTime() - start) / 1e9);
  }

  private static List<String> names() {
    return OptimizerComparison.contenders(1000).stream().map(Contender::name).toList();
  }

  @Test
  void everyOptimizerLearns() {
    assertEquals(12, outcome.rows().size());
    for (Row r : outcome.rows()) {
      assertTrue(r.testAccuracy() > LEARNED, r.name() + ": test accuracy " + r.testAccuracy());
      assertTrue(r.trainLoss() < 0.6 && r.testLoss() < 0.6, r.name() + ": losses " + r.trainLoss() + ", "
          + r.testLoss() + " (ln 10 = 2.30 at chance)");
      assertTrue(r.seconds() > 0, r.name());
    }
  }

  @Test
  void theTableHasARowPerOptimizerInOrder() {
    List<String> lines = outcome.table().lines().toList();
    assertEquals(2 + names().size(), lines.size(), outcome.table());
    assertEquals("| optimizer | settings | final training loss | test loss | test accuracy | seconds |", lines.get(0));
    for (int i = 0; i < names().size(); i++) {
      String line = lines.get(2 + i);
      assertTrue(line.startsWith("| " + names().get(i) + " | "), line);
      assertEquals(8, line.split("\\|", -1).length, "six cells between seven bars: " + line);
    }
    assertTrue(printed.contains(outcome.table()), "run prints the table");
    assertEquals(names(), outcome.rows().stream().map(Row::name).toList());
  }

  @Test
  void theScheduledContenderDecaysToZeroAtTheLastUpdate() {
    Contender cosine = OptimizerComparison.contenders(3750).get(10);
    assertEquals(0.05, cosine.optimizer().learningRate().at(0), 1e-15);
    assertEquals(0.025, cosine.optimizer().learningRate().at(1875), 1e-15);
    assertEquals(0, cosine.optimizer().learningRate().at(3750), 1e-15);
  }

  @Test
  void theGuideShowsThisRunsTable() {
    List<String> rows = GuidePages.blocks("optimizers.md").stream()
        .filter(b -> b.name().equals("optimizer-comparison")).findFirst()
        .orElseThrow(() -> new AssertionError("optimizers.md has no table 'optimizer-comparison'")).lines();
    List<String> mine = outcome.table().lines().toList();
    assertEquals(mine.size(), rows.size(), "rows of the guide's table");
    assertEquals(mine.get(0), rows.get(0));
    for (int i = 2; i < rows.size(); i++) {
      String[] guide = rows.get(i).split("\\|");
      Row r = outcome.rows().get(i - 2);
      String where = "optimizers.md, row '" + r.name() + "'";
      assertEquals(r.name(), guide[1].strip(), where);
      assertEquals(r.settings(), guide[2].strip(), where);
      assertEquals(r.trainLoss(), Double.parseDouble(guide[3]), GUIDE_TOLERANCE, where + ": training loss");
      assertEquals(r.testAccuracy(), Double.parseDouble(guide[5]), GUIDE_TOLERANCE, where + ": test accuracy");
    }
  }

  @Test
  void settingsParseEveryArgumentAndNameAnUnknownOne() {
    Settings s = Settings.parse(new String[] {"--backend", "reference", "--epochs", "1", "--batch-size", "64",
        "--seed", "7", "--data", "/tmp/fm"});
    assertEquals(new Settings("reference", 1, 64, Path.of("/tmp/fm"), 7), s);
    Settings d = Settings.parse(new String[0]);
    assertEquals(new Settings("tensorflow", 2, 32, FashionMnist.defaultDirectory(), 42), d);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Settings.parse(new String[] {"--epoch", "3"}));
    assertTrue(e.getMessage().contains("'--epoch'"), e.getMessage());
  }
}
