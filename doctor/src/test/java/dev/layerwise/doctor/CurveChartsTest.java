package dev.layerwise.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.History;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/** The curve charts' content, on histories built by hand: which series, and where the turn is marked. */
class CurveChartsTest {
  @Test
  void theTurnIsMarkedAtTheEpochOfTheLowestValidationLoss() {
    // ChartsTest.history(): val_loss 1.8 1.3 1.05 0.95 0.92 0.97 1.04 1.12, lowest at epoch 5
    assertEquals(OptionalInt.of(5), CurveCharts.turnEpoch(ChartsTest.history()));
  }

  @Test
  void aResumedHistoryMarksItsOwnEpochNumberAndSkipsNaN() {
    History h = new History();
    h.add(4, Map.of("loss", 0.9, "val_loss", Double.NaN));
    h.add(5, Map.of("loss", 0.8, "val_loss", 0.7));
    h.add(6, Map.of("loss", 0.7, "val_loss", 0.6));
    h.add(7, Map.of("loss", 0.6, "val_loss", 0.6));       // a tie: the first is the turn
    assertEquals(OptionalInt.of(6), CurveCharts.turnEpoch(h));
  }

  @Test
  void withoutValidationThereIsOneSeriesAndNoMarker() {
    History h = new History();
    h.add(Map.of("loss", 2.0));
    h.add(Map.of("loss", 1.5));
    assertEquals(OptionalInt.empty(), CurveCharts.turnEpoch(h));
    XYChart chart = CurveCharts.loss(h);
    assertEquals(1, chart.getSeriesMap().size());
    assertEquals(0, CurveCharts.metrics(h).size());
  }

  @Test
  void theLossChartHoldsTrainingAndValidationPerEpoch() {
    XYChart chart = CurveCharts.loss(ChartsTest.history());
    assertEquals(2, chart.getSeriesMap().size());
    double[] x = chart.getSeriesMap().get("validation loss").getXData();
    assertEquals(8, x.length);
    assertEquals(1.0, x[0]);
    assertEquals(0.92, chart.getSeriesMap().get("validation loss").getYData()[4]);
  }

  @Test
  void aHistoryWithoutLossIsRefused() {
    History h = new History();
    h.add(Map.of("accuracy", 0.5));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CurveCharts.loss(h));
    assertTrue(e.getMessage().contains("accuracy"), e.getMessage());
  }
}
