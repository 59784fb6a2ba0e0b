package dev.layerwise.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.losses.Loss;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricTrackerTest {

  @Test
  void lossIsAveragedWeightedByBatchSize() {
    MetricTracker t = new MetricTracker(Loss.meanSquaredError(), List.of(), 1, 1, false);
    t.add(1.0, 0, new float[3], new float[3], 3);
    t.add(5.0, 0, new float[1], new float[1], 1);
    // (3·1.0 + 1·5.0) / 4, not the mean of batch means (3.0)
    assertEquals(2.0, t.meanLoss(), 1e-12);
    assertEquals(Map.of("loss", 2.0), t.results());
  }

  @Test
  void anEmptyTrackerHasNoLoss() {
    MetricTracker t = new MetricTracker(Loss.meanSquaredError(), List.of(Metric.ACCURACY), 1, 1, false);
    assertTrue(Double.isNaN(t.meanLoss()));
    assertTrue(Double.isNaN(t.results().get("accuracy")));
  }

  @Test
  void resultsListLossThenMetrics() {
    MetricTracker t = new MetricTracker(Loss.sparseCategoricalCrossentropy(), List.of(Metric.ACCURACY), 2, 1, false);
    t.add(0.3, 0, new float[] {0.9f, 0.1f}, new float[] {0}, 1);
    assertEquals(List.of("loss", "accuracy"), List.copyOf(t.results().keySet()));
  }

  @Test
  void sparseAccuracyComparesTheArgmaxWithTheLabel() {
    MetricTracker t = new MetricTracker(Loss.sparseCategoricalCrossentropy().withFromLogits(true),
        List.of(Metric.ACCURACY), 3, 1, false);
    float[] p = {
        0.1f, 0.7f, 0.2f, // argmax 1, label 1: right
        2.0f, -1f, 0.5f, // argmax 0, label 2: wrong
        -3f, -2f, -1f, // argmax 2, label 2: right
        0.3f, 0.3f, 0.4f}; // argmax 2, label 0: wrong
    t.add(0.0, 0, p, new float[] {1, 2, 2, 0}, 4);
    assertEquals(0.5, t.results().get("accuracy"), 0.0);
  }

  @Test
  void accuracyAccumulatesOverBatches() {
    MetricTracker t = new MetricTracker(Loss.sparseCategoricalCrossentropy(), List.of(Metric.ACCURACY), 2, 1, false);
    t.add(0.0, 0, new float[] {0.9f, 0.1f, 0.2f, 0.8f, 0.6f, 0.4f}, new float[] {0, 1, 1}, 3); // 2 right
    t.add(0.0, 0, new float[] {0.3f, 0.7f}, new float[] {1}, 1); // 1 right
    assertEquals(3.0 / 4, t.results().get("accuracy"), 0.0);
  }

  @Test
  void categoricalAccuracyComparesArgmaxWithArgmax() {
    MetricTracker t = new MetricTracker(Loss.categoricalCrossentropy(), List.of(Metric.ACCURACY), 3, 3, false);
    float[] p = {0.1f, 0.7f, 0.2f, 0.5f, 0.3f, 0.2f, 0.2f, 0.2f, 0.6f};
    float[] y = {0, 1, 0, 0, 0, 1, 0.1f, 0.2f, 0.7f}; // right, wrong, right (soft label)
    t.add(0.0, 0, p, y, 3);
    assertEquals(2.0 / 3, t.results().get("accuracy"), 1e-12);
  }

  @Test
  void binaryAccuracyThresholdsProbabilitiesAtOneHalf() {
    MetricTracker t = new MetricTracker(Loss.binaryCrossentropy(), List.of(Metric.ACCURACY), 2, 2, false);
    // per output: 0.7>0.5 vs 1 right; 0.2 vs 0 right; 0.5 is not > 0.5 vs 1 wrong; 0.9 vs 0 wrong;
    // 0.3 vs 0 right; 0.51 vs 1 right
    t.add(0.0, 0, new float[] {0.7f, 0.2f, 0.5f, 0.9f, 0.3f, 0.51f}, new float[] {1, 0, 1, 0, 0, 1}, 3);
    assertEquals(4.0 / 6, t.results().get("accuracy"), 1e-12, "each output is judged on its own");
  }

  @Test
  void binaryAccuracyThresholdsLogitsAtZero() {
    MetricTracker t = new MetricTracker(Loss.binaryCrossentropy().withFromLogits(true), List.of(Metric.ACCURACY),
        1, 1, false);
    // logits: 0.3 vs 1 right (would be wrong at 0.5); -0.2 vs 0 right; -0.1 vs 1 wrong; 0.4 vs 0 wrong
    t.add(0.0, 0, new float[] {0.3f, -0.2f, -0.1f, 0.4f}, new float[] {1, 0, 1, 0}, 4);
    assertEquals(0.5, t.results().get("accuracy"), 0.0);
  }

  @Test
  void meanSquaredErrorAccuracyIsExactEquality() {
    MetricTracker t = new MetricTracker(Loss.meanSquaredError(), List.of(Metric.ACCURACY), 2, 2, false);
    t.add(0.0, 0, new float[] {1f, 2f, 3f, 4.001f}, new float[] {1f, 2.5f, 3f, 4f}, 2);
    assertEquals(0.5, t.results().get("accuracy"), 0.0);
  }

  @Test
  void buffersLongerThanTheBatchAreReadOnlyUpToItsSize() {
    MetricTracker t = new MetricTracker(Loss.sparseCategoricalCrossentropy(), List.of(Metric.ACCURACY), 2, 1, false);
    // two samples count; the rest is a stale tail from a larger previous batch
    float[] p = {0.8f, 0.2f, 0.1f, 0.9f, 0.9f, 0.1f, 0.9f, 0.1f};
    float[] y = {0, 1, 1, 1};
    t.add(2.0, 0, p, y, 2);
    assertEquals(1.0, t.results().get("accuracy"), 0.0);
    assertEquals(2.0, t.meanLoss(), 0.0);
  }

  @Test
  void withoutMetricsOnlyTheLossIsReported() {
    MetricTracker t = new MetricTracker(Loss.sparseCategoricalCrossentropy(), List.of(), 2, 1, false);
    t.add(0.7, 0, new float[] {1, 0}, new float[] {5}, 1); // an unusable label is never looked at
    assertEquals(Map.of("loss", 0.7), t.results());
  }

  @Test
  void metricKey() {
    assertEquals("accuracy", Metric.ACCURACY.key());
  }

  @Test
  void severalOutputsReportKeras3KeysWithEachOutputsOwnLossAveragedByBatchSize() {
    MetricTracker t = new MetricTracker(List.of(
        new MetricTracker.Head("class", Loss.sparseCategoricalCrossentropy(), List.of(Metric.ACCURACY), 2, 1),
        new MetricTracker.Head("score", Loss.meanSquaredError(), List.of(), 1, 1)), false);
    // batch 1: 2 samples, both class predictions right; batch 2: 1 sample, wrong
    t.add(1.0, 0, new double[] {0.4, 1.2}, List.of(new float[] {0.9f, 0.1f, 0.2f, 0.8f}, new float[2]),
        List.of(new float[] {0, 1}, new float[2]), 2);
    t.add(4.0, 0, new double[] {2.0, 4.0}, List.of(new float[] {0.9f, 0.1f}, new float[1]),
        List.of(new float[] {1}, new float[1]), 1);
    Map<String, Double> r = t.results();
    assertEquals(List.of("loss", "class_accuracy", "class_loss", "score_loss"), List.copyOf(r.keySet()));
    assertEquals((2 * 1.0 + 4.0) / 3, r.get("loss"), 1e-15);
    assertEquals((2 * 0.4 + 2.0) / 3, r.get("class_loss"), 1e-15);
    assertEquals((2 * 1.2 + 4.0) / 3, r.get("score_loss"), 1e-15);
    assertEquals(2.0 / 3, r.get("class_accuracy"), 0.0);
  }
}
