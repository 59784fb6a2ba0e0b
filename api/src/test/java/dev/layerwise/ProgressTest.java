package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The epoch line is Keras's {@code verbose=2} line: keras/src/utils/progbar.py prints
 * {@code "%d/%d - %.0fs -" + _format_time(...)} then {@code " - key: value"} for each value.
 */
class ProgressTest {
  private static final String NL = System.lineSeparator();

  private static EpochLogs logs(int steps, double seconds, Map<String, Double> values) {
    return new EpochLogs(1, 5, steps, seconds, values);
  }

  @Test
  void formatsKerasVerbose2LineWithMetricsAlphabeticalAndTrainingBeforeValidation() {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("val_loss", 0.43121);
    values.put("loss", 0.50324);
    values.put("val_accuracy", 0.84559);
    values.put("accuracy", 0.82131);
    // 3.2 s over 1875 steps: 1.7 ms/step, rounded to 2
    assertEquals("1875/1875 - 3s - 2ms/step - accuracy: 0.8213 - loss: 0.5032 - val_accuracy: 0.8456 - val_loss:"
        + " 0.4312", Progress.format(logs(1875, 3.2, values)));
  }

  @Test
  void stepTimesBelowAMillisecondAreInMicroseconds() {
    assertEquals("100/100 - 0s - 250us/step - loss: 1.0000", Progress.format(logs(100, 0.025, Map.of("loss", 1.0))));
  }

  @Test
  void stepTimesOfASecondOrMoreAreInSeconds() {
    assertEquals("4/4 - 10s - 3s/step - loss: 0.1235", Progress.format(logs(4, 10.0, Map.of("loss", 0.12345))));
  }

  @Test
  void noTimeAtAllIsZeroSecondsAsInKeras() {
    assertEquals(" 0s/step", Progress.perStep(0));
    assertEquals(" 999us/step", Progress.perStep(0.000999));
    assertEquals(" 1ms/step", Progress.perStep(0.001));
  }

  @Test
  void smallValuesSwitchToScientificNotation() {
    String line = Progress.format(new EpochLogs(1, 1, 10, 1.0, Map.of("loss", 0.5, "learning_rate", 1e-5)));
    assertTrue(line.contains("learning_rate: 1.0000e-05"), line);
    assertTrue(line.contains("loss: 0.5000"), line);
    assertEquals("-0.5000", Progress.number(-0.5), "the magnitude decides, not the sign");
    assertEquals("-2.0000e-04", Progress.number(-2e-4));
    assertEquals("NaN", Progress.number(Double.NaN));
  }

  @Test
  void toPrintStreamPrintsAnEpochHeaderThenTheLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress p = Progress.to(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    p.onEpochBegin(2, 3);
    p.onBatchEnd(new BatchLogs(2, 5, 10, 0.3, Map.of("loss", 0.3)));
    p.onEpochEnd(new EpochLogs(2, 3, 10, 5.0, Map.of("loss", 0.25)));
    assertEquals("Epoch 2/3" + NL + "10/10 - 5s - 500ms/step - loss: 0.2500" + NL,
        bytes.toString(StandardCharsets.UTF_8), "steps draw nothing in the line-per-epoch look");
  }

  @Test
  void aSingleEpochHasNoHeaderAsInKeras() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress p = Progress.to(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    p.onEpochBegin(1, 1);
    p.onEpochEnd(new EpochLogs(1, 1, 4, 2.0, Map.of("loss", 0.5)));
    assertEquals("4/4 - 2s - 500ms/step - loss: 0.5000" + NL, bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void consoleWithOutputRedirectedPrintsLinesToTheCurrentSystemOut() {
    // Under Maven's test runner System.console() is null: the default progress falls back to epoch lines.
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress p = Progress.console();
    try {
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      p.onEpochBegin(1, 2);
      p.onBatchEnd(new BatchLogs(1, 1, 2, 0.7, Map.of("loss", 0.7)));
      p.onEpochEnd(new EpochLogs(1, 2, 2, 1.0, Map.of("loss", 0.5)));
    } finally {
      System.setOut(original);
    }
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertEquals("Epoch 1/2" + NL + "2/2 - 1s - 500ms/step - loss: 0.5000" + NL, printed);
    assertFalse(printed.contains("\r") || printed.contains("\u001b"), "no carriage return or escape off a terminal");
  }
}
