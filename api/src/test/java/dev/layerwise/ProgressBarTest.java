package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The live bar against Keras's {@code Progbar} with {@code verbose=1} (keras/src/utils/progbar.py): count
 * right-aligned to the total's digits, {@code int(20 · i/N)} done cells, the ETA until the last update, then the
 * elapsed time; a redraw only when 50 ms have passed since the last one; the first step left out of the per-step
 * estimate. Times come from a fake clock in milliseconds.
 */
class ProgressBarTest {
  private static final ProgressBar.Style PLAIN = new ProgressBar.Style('=', '.', false);

  private long nowMillis;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final Progress progress = Progress.bar(new PrintStream(bytes, true, StandardCharsets.UTF_8),
      () -> nowMillis * 1_000_000L, PLAIN);

  private String printed() {
    String s = bytes.toString(StandardCharsets.UTF_8);
    bytes.reset();
    return s;
  }

  private void step(long atMillis, int step, int steps, double loss) {
    nowMillis = atMillis;
    progress.onBatchEnd(new BatchLogs(1, step, steps, loss, Map.of("loss", loss)));
  }

  @Test
  void drawsKerasLineInPlaceThenTheFinalLineWithElapsedTime() {
    nowMillis = 0;
    progress.onEpochBegin(1, 1);
    step(400, 1, 100, 2.0);   // first step: 400 ms/step measured from the epoch start, ETA 99 × 0.4 s
    assertEquals("\r  1/100 .................... 39s 400ms/step - loss: 2.0000", printed());
    step(500, 2, 100, 1.5);   // 100 ms/step from the end of step 1 on: ETA 98 × 0.1 s
    assertEquals("\r  2/100 .................... 9s 100ms/step - loss: 1.5000 ", printed(),
        "padded over the longer previous line");
    step(5_350, 50, 100, 0.5);  // 4.95 s / 49 steps
    assertEquals("\r 50/100 ==========.......... 5s 101ms/step - loss: 0.5000", printed());
    nowMillis = 10_900;
    progress.onEpochEnd(new EpochLogs(1, 1, 100, 10.9, Map.of("loss", 0.25, "val_loss", 0.3)));
    assertEquals("\r100/100 ==================== 11s 106ms/step - loss: 0.2500 - val_loss: 0.3000"
        + System.lineSeparator(), printed(), "(10.9 − 0.4) s / 99 steps; 10.9 s rounds to 11");
  }

  @Test
  void redrawsAtMostEvery50Milliseconds() {
    nowMillis = 0;
    progress.onEpochBegin(1, 1);
    step(10, 1, 1000, 1.0);
    assertEquals(1, printed().chars().filter(c -> c == '\r').count(), "the first step draws");
    step(20, 2, 1000, 1.0);
    step(59, 3, 1000, 1.0);
    assertEquals("", printed(), "49 ms after the last draw: nothing");
    step(60, 4, 1000, 1.0);
    assertEquals("\r   4/1000 .................... 16s 17ms/step - loss: 1.0000", printed(),
        "50 ms after: (60 − 10) ms / 3 steps, ETA 996 × 16.7 ms");
  }

  @Test
  void etaTakesMinutesAndHoursPastSixtySecondsAndAnHour() {
    assertEquals("60s", ProgressBar.eta(60.0));
    assertEquals("1:00", ProgressBar.eta(60.9), "past 60 s, whole seconds rounded down");
    assertEquals("1:01", ProgressBar.eta(61.5));
    assertEquals("59:59", ProgressBar.eta(3599.9));
    assertEquals("1:00:01", ProgressBar.eta(3601));
  }

  @Test
  void anEmptyEpochDrawsWithoutDividingByZero() {
    // Keras's test_zero_target: a Progbar with target 0 finalizes without error.
    nowMillis = 0;
    progress.onEpochBegin(1, 1);
    nowMillis = 3;
    progress.onEpochEnd(new EpochLogs(1, 1, 0, 0.003, Map.of()));
    assertEquals("\r0/0 .................... 0s 0s/step" + System.lineSeparator(), printed());
  }

  @Test
  void keepsKerasColoursWhenTheTerminalShowsThem() {
    ByteArrayOutputStream coloured = new ByteArrayOutputStream();
    Progress p = Progress.bar(new PrintStream(coloured, true, StandardCharsets.UTF_8), () -> 0L,
        new ProgressBar.Style('━', '━', true));
    p.onEpochBegin(1, 1);
    p.onEpochEnd(new EpochLogs(1, 1, 2, 0, Map.of("loss", 1.0)));
    assertEquals("\r\u001b[1m2/2\u001b[0m \u001b[32m" + "━".repeat(20) + "\u001b[0m\u001b[37m\u001b[0m \u001b[1m0s\u001b[0m"
        + " 0s/step - loss: 1.0000" + System.lineSeparator(), coloured.toString(StandardCharsets.UTF_8));
  }

  @Test
  void glyphsFallBackToAsciiWhereTheConsoleCannotEncodeThem() {
    assertEquals(new ProgressBar.Style('=', '.', false), ProgressBar.Style.of(StandardCharsets.US_ASCII, false));
    assertEquals(new ProgressBar.Style('━', '─', false), ProgressBar.Style.of(StandardCharsets.UTF_8, false));
    assertEquals(new ProgressBar.Style('━', '━', true), ProgressBar.Style.of(StandardCharsets.UTF_8, true));
  }
}
