package dev.layerwise.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.History;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The learning-signal reading on hand-made histories: the numbers measured on Fashion-MNIST, in their shapes. */
class LearningSignalTest {
  private static History history(double[] loss, double[] val) {
    History h = new History();
    for (int e = 0; e < loss.length; e++) {
      h.add(Map.of("loss", loss[e], "val_loss", val[e]));
    }
    return h;
  }

  @Test
  void aLearningModelPasses() {
    Check c = LearningSignal.check(history(new double[] {0.86, 0.6, 0.5, 0.45, 0.41},
        new double[] {0.7, 0.6, 0.56, 0.55, 0.54}), 2.42);
    assertEquals(Verdict.PASS, c.verdict(), c.toText());
    assertTrue(c.measured().contains("best 0.5400 at epoch 5 (22%)"), c.measured());
  }

  @Test
  void shuffledLabelsReadAsMemorising() {
    // training falls 3%, validation lowest at epoch 1 and rising after
    Check c = LearningSignal.check(history(new double[] {2.344, 2.33, 2.31, 2.29, 2.272},
        new double[] {2.29, 2.3, 2.31, 2.32, 2.33}), 2.418);
    assertEquals(Verdict.FAIL, c.verdict());
    assertTrue(c.reading().contains("memorises"), c.reading());
  }

  @Test
  void aRateFarTooLowReadsAsTooLittleLearnt() {
    // both fall slowly: 5.6% and 6.9%
    Check c = LearningSignal.check(history(new double[] {2.399, 2.36, 2.33, 2.29, 2.265},
        new double[] {2.42, 2.38, 2.33, 2.29, 2.252}), 2.418);
    assertEquals(Verdict.FAIL, c.verdict());
    assertTrue(c.reading().startsWith("Too little is learnt"), c.reading());
  }

  @Test
  void aFitWithoutValidationIsRefused() {
    History h = new History();
    h.add(Map.of("loss", 1.0));
    h.add(Map.of("loss", 0.9));
    var e = assertThrows(IllegalArgumentException.class, () -> LearningSignal.check(h, 2.3));
    assertTrue(e.getMessage().contains("no val_loss"), e.getMessage());
  }
}
