package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTest {

  private static EpochLogs logs(int steps, double seconds, Map<String, Double> values) {
    return new EpochLogs(1, 5, steps, seconds, values);
  }

  @Test
  void formatsAKerasLineWithMetricsAlphabeticalAndTrainingBeforeValidation() {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("val_loss", 0.43121);
    values.put("loss", 0.50324);
    values.put("val_accuracy", 0.84559);
    values.put("accuracy", 0.82131);
    // 3.2 s over 1875 steps: 1.7 ms/step, rounded to 2
    assertEquals("1875/1875 - 3s 2ms/step - accuracy: 0.8213 - loss: 0.5032 - val_accuracy: 0.8456 - val_loss: 0.4312",
        Progress.format(logs(1875, 3.2, values)));
  }

  @Test
  void stepTimesBelowAMillisecondAreInMicroseconds() {
    assertEquals("100/100 - 0s 250us/step - loss: 1.0000", Progress.format(logs(100, 0.025, Map.of("loss", 1.0))));
  }

  @Test
  void stepTimesOfASecondOrMoreAreInSeconds() {
    assertEquals("4/4 - 10s 3s/step - loss: 0.1235", Progress.format(logs(4, 10.0, Map.of("loss", 0.12345))));
  }

  @Test
  void toPrintStreamPrintsAnEpochHeaderThenTheLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress p = Progress.to(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    p.onEpochBegin(2, 3);
    p.onEpochEnd(new EpochLogs(2, 3, 10, 5.0, Map.of("loss", 0.25)));
    String nl = System.lineSeparator();
    assertEquals("Epoch 2/3" + nl + "10/10 - 5s 500ms/step - loss: 0.2500" + nl,
        bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void smallValuesSwitchToScientificNotation() {
    String line = Progress.format(new EpochLogs(1, 1, 10, 1.0, java.util.Map.of("loss", 0.5, "learning_rate",
        1e-5)));
    org.junit.jupiter.api.Assertions.assertTrue(line.contains("learning_rate: 1.0000e-05"), line);
    org.junit.jupiter.api.Assertions.assertTrue(line.contains("loss: 0.5000"), line);
  }
}
