package dev.layerwise.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.History;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each curve shape of the course, drawn by hand, read as the course reads it; and healthy curves pass. */
class CurveReadingTest {
  private static History history(double[] loss, double[] val) {
    History h = new History();
    for (int e = 0; e < loss.length; e++) {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("loss", loss[e]);
      if (val != null) {
        m.put("val_loss", val[e]);
      }
      h.add(m);
    }
    return h;
  }

  private static Check named(List<Check> checks, String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aHealthyCurvePassesEveryReading() {
    List<Check> checks = CurveReading.of(history(new double[] {0.62, 0.42, 0.38, 0.35, 0.33, 0.31},
        new double[] {0.47, 0.42, 0.40, 0.38, 0.37, 0.365}));
    assertEquals(3, checks.size());
    checks.forEach(c -> assertEquals(Verdict.PASS, c.verdict(), c.toText()));
  }

  @Test
  void aRisingLossFailsWithTheRateAndTheGradientsSignAsReadings() {
    Check c = named(CurveReading.of(history(new double[] {2.3, 2.9, 4.1}, null)), "training loss trend");
    assertEquals(Verdict.FAIL, c.verdict());
    assertEquals("training loss 2.300 at epoch 1, 4.100 at epoch 3", c.measured());
    assertTrue(c.reading().contains("learning rate too high") && c.reading().contains("sign"), c.reading());
  }

  @Test
  void aFlatLossFailsButTwoEpochsAreTooFewToCallFlat() {
    Check flat = named(CurveReading.of(history(new double[] {2.3026, 2.3025, 2.3021}, null)), "training loss trend");
    assertEquals(Verdict.FAIL, flat.verdict());
    assertTrue(flat.reading().startsWith("The loss is flat"), flat.reading());
    assertEquals(Verdict.PASS, named(CurveReading.of(history(new double[] {2.3026, 2.3025}, null)),
        "training loss trend").verdict());
  }

  @Test
  void aSlowStartWarnsPointingAtTheInitialisation() {
    // 8 epochs: the first two give 0.01 of a total decrease of 1.5
    Check c = named(CurveReading.of(history(new double[] {2.30, 2.295, 2.29, 1.6, 1.2, 1.0, 0.9, 0.8}, null)),
        "start of training");
    assertEquals(Verdict.WARN, c.verdict(), c.toText());
    assertTrue(c.measured().startsWith("epochs 1–3 gave 1% of the decrease"), c.measured());
    assertTrue(c.nextSteps().get(0).contains("Glorot"), c.toText());
  }

  @Test
  void aValidationLossThatTurnsWhileTrainingFallsIsOverfittingFromTheTurn() {
    Check c = named(CurveReading.of(history(new double[] {0.9, 0.6, 0.45, 0.35, 0.25, 0.15},
        new double[] {0.8, 0.62, 0.55, 0.58, 0.66, 0.79})), "validation gap");
    assertEquals(Verdict.WARN, c.verdict());
    assertTrue(c.reading().startsWith("Overfitting from epoch 3"), c.reading());
    assertEquals("validation loss lowest at epoch 3 (0.5500), 0.7900 at epoch 6; gap to training 0.1000 → 0.6400",
        c.measured());
    // a wobble within 5% is not a turn
    assertEquals(Verdict.PASS, named(CurveReading.of(history(new double[] {0.9, 0.6, 0.45, 0.35},
        new double[] {0.8, 0.62, 0.55, 0.56})), "validation gap").verdict());
  }

  @Test
  void aHistoryWithoutTwoEpochsOfLossIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CurveReading.of(history(new double[] {1.0}, null)));
    assertEquals("CurveReading: need the training loss of at least 2 epochs, got 1 epochs with keys [loss]",
        e.getMessage());
  }
}
