package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.metrics.Metric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** History, EpochLogs and Evaluation: the result records of fit and evaluate. */
class HistoryTest {

  private static Map<String, Double> values(double loss, double accuracy) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("loss", loss);
    m.put("accuracy", accuracy);
    return m;
  }

  @Test
  void historyKeepsOneValuePerEpochPerKey() {
    History h = new History();
    h.add(values(0.9, 0.6));
    h.add(values(0.5, 0.8));
    assertEquals(2, h.epochCount());
    assertEquals(List.of("loss", "accuracy"), List.copyOf(h.keys()));
    assertArrayEquals(new double[] {0.9, 0.5}, h.get("loss"), 0.0);
    assertEquals(0.8, h.last("accuracy"), 0.0);
    assertEquals(0.6, h.epoch(0).get("accuracy"), 0.0);
  }

  @Test
  void historyCopiesWhatItIsGiven() {
    History h = new History();
    Map<String, Double> v = values(1, 0);
    h.add(v);
    v.put("loss", 7.0);
    assertEquals(1.0, h.last("loss"), 0.0);
    assertThrows(UnsupportedOperationException.class, () -> h.epoch(0).put("loss", 2.0));
  }

  @Test
  void historyRejectsUnknownKeysAndEmptyLast() {
    History h = new History();
    IllegalStateException empty = assertThrows(IllegalStateException.class, () -> h.last("loss"));
    assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
    h.add(values(1, 0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.get("val_loss"));
    assertTrue(e.getMessage().contains("'val_loss'") && e.getMessage().contains("[loss, accuracy]"), e.getMessage());
  }

  @Test
  void epochLogsGetNamesMissingKeys() {
    EpochLogs logs = new EpochLogs(1, 2, 3, 0.5, Map.of("loss", 0.25));
    assertEquals(0.25, logs.get("loss"), 0.0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> logs.get("accuracy"));
    assertTrue(e.getMessage().contains("'accuracy'") && e.getMessage().contains("[loss]"), e.getMessage());
  }

  @Test
  void evaluationReadsLossAndMetrics() {
    Evaluation e = new Evaluation(values(0.3, 0.9));
    assertEquals(0.3, e.loss(), 0.0);
    assertEquals(0.9, e.metric(Metric.ACCURACY), 0.0);
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> new Evaluation(Map.of("loss", 1.0)).metric(Metric.ACCURACY));
    assertTrue(missing.getMessage().contains("'accuracy'"), missing.getMessage());
  }
}
