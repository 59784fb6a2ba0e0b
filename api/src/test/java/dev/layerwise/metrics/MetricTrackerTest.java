package dev.layerwise.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import dev.layerwise.losses.Loss;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricTrackerTest {
  private static MetricTracker tracker(Loss loss, int outputs, Metric... metrics) {
    return new MetricTracker(loss, Shape.of(outputs), List.of(metrics), false, false);
  }

  @Test
  void lossIsAveragedWeightedByBatchSize() {
    MetricTracker t = tracker(Loss.meanSquaredError(), 1);
    t.add(1.0, 0, new float[3], new float[3], 3);
    t.add(5.0, 0, new float[1], new float[1], 1);
    // (3·1.0 + 1·5.0) / 4, not the mean of batch means (3.0)
    assertEquals(2.0, t.meanLoss(), 1e-12);
    assertEquals(Map.of("loss", 2.0), t.results());
  }

  @Test
  void anEmptyTrackerHasNoLoss() {
    MetricTracker t = tracker(Loss.meanSquaredError(), 1, Metric.ACCURACY);
    assertTrue(Double.isNaN(t.meanLoss()));
    assertTrue(Double.isNaN(t.results().get("accuracy")));
  }

  @Test
  void resultsListLossThenMetrics() {
    MetricTracker t = tracker(Loss.sparseCategoricalCrossentropy(), 2, Metric.ACCURACY);
    t.add(0.3, 0, new float[] {0.9f, 0.1f}, new float[] {0}, 1);
    assertEquals(List.of("loss", "accuracy"), List.copyOf(t.results().keySet()));
  }

  @Test
  void sparseAccuracyComparesTheArgmaxWithTheLabel() {
    MetricTracker t = tracker(Loss.sparseCategoricalCrossentropy().withFromLogits(true), 3, Metric.ACCURACY);
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
    MetricTracker t = tracker(Loss.sparseCategoricalCrossentropy(), 2, Metric.ACCURACY);
    t.add(0.0, 0, new float[] {0.9f, 0.1f, 0.2f, 0.8f, 0.6f, 0.4f}, new float[] {0, 1, 1}, 3); // 2 right
    t.add(0.0, 0, new float[] {0.3f, 0.7f}, new float[] {1}, 1); // 1 right
    assertEquals(3.0 / 4, t.results().get("accuracy"), 0.0);
  }

  @Test
  void categoricalAccuracyComparesArgmaxWithArgmax() {
    MetricTracker t = tracker(Loss.categoricalCrossentropy(), 3, Metric.ACCURACY);
    float[] p = {0.1f, 0.7f, 0.2f, 0.5f, 0.3f, 0.2f, 0.2f, 0.2f, 0.6f};
    float[] y = {0, 1, 0, 0, 0, 1, 0.1f, 0.2f, 0.7f}; // right, wrong, right (soft label)
    t.add(0.0, 0, p, y, 3);
    assertEquals(2.0 / 3, t.results().get("accuracy"), 1e-12);
  }

  @Test
  void binaryAccuracyThresholdsProbabilitiesAtOneHalf() {
    MetricTracker t = tracker(Loss.binaryCrossentropy(), 2, Metric.ACCURACY);
    // per output: 0.7>0.5 vs 1 right; 0.2 vs 0 right; 0.5 is not > 0.5 vs 1 wrong; 0.9 vs 0 wrong;
    // 0.3 vs 0 right; 0.51 vs 1 right
    t.add(0.0, 0, new float[] {0.7f, 0.2f, 0.5f, 0.9f, 0.3f, 0.51f}, new float[] {1, 0, 1, 0, 0, 1}, 3);
    assertEquals(4.0 / 6, t.results().get("accuracy"), 1e-12, "each output is judged on its own");
  }

  @Test
  void binaryAccuracyThresholdsLogitsAtZero() {
    MetricTracker t = tracker(Loss.binaryCrossentropy().withFromLogits(true), 1, Metric.ACCURACY);
    // logits: 0.3 vs 1 right (would be wrong at 0.5); -0.2 vs 0 right; -0.1 vs 1 wrong; 0.4 vs 0 wrong
    t.add(0.0, 0, new float[] {0.3f, -0.2f, -0.1f, 0.4f}, new float[] {1, 0, 1, 0}, 4);
    assertEquals(0.5, t.results().get("accuracy"), 0.0);
  }

  @Test
  void meanSquaredErrorAccuracyIsExactEquality() {
    MetricTracker t = tracker(Loss.meanSquaredError(), 2, Metric.ACCURACY);
    t.add(0.0, 0, new float[] {1f, 2f, 3f, 4.001f}, new float[] {1f, 2.5f, 3f, 4f}, 2);
    assertEquals(0.5, t.results().get("accuracy"), 0.0);
  }

  @Test
  void theNewRegressionLossesJudgeAccuracyByExactEqualityToo() {
    for (Loss loss : List.of(Loss.meanAbsoluteError(), Loss.huber())) {
      MetricTracker t = tracker(loss, 2, Metric.ACCURACY);
      t.add(0.0, 0, new float[] {1f, 2f, 3f, 4.001f}, new float[] {1f, 2.5f, 3f, 4f}, 2);
      assertEquals(0.5, t.results().get("accuracy"), 0.0, loss.kerasName());
    }
  }

  @Test
  void klDivergenceAndHingeAccuracyComparesArgmaxWithArgmax() {
    for (Loss loss : List.of(Loss.klDivergence(), Loss.categoricalHinge())) {
      MetricTracker t = tracker(loss, 3, Metric.ACCURACY);
      // hinge scores may be negative: argmax 2 vs 2 right, argmax 0 vs 1 wrong
      t.add(0.0, 0, new float[] {-3f, -2f, -1f, 0.5f, 0.3f, 0.2f}, new float[] {0, 0, 1, 0, 1, 0}, 2);
      assertEquals(0.5, t.results().get("accuracy"), 0.0, loss.kerasName());
    }
  }

  @Test
  void buffersLongerThanTheBatchAreReadOnlyUpToItsSize() {
    MetricTracker t = tracker(Loss.sparseCategoricalCrossentropy(), 2, Metric.ACCURACY);
    // two samples count; the rest is a stale tail from a larger previous batch
    float[] p = {0.8f, 0.2f, 0.1f, 0.9f, 0.9f, 0.1f, 0.9f, 0.1f};
    float[] y = {0, 1, 1, 1};
    t.add(2.0, 0, p, y, 2);
    assertEquals(1.0, t.results().get("accuracy"), 0.0);
    assertEquals(2.0, t.meanLoss(), 0.0);
  }

  @Test
  void withoutMetricsOnlyTheLossIsReported() {
    MetricTracker t = tracker(Loss.sparseCategoricalCrossentropy(), 2);
    t.add(0.7, 0, new float[] {1, 0}, new float[] {5}, 1); // an unusable label is never looked at
    assertEquals(Map.of("loss", 0.7), t.results());
  }

  @Test
  void everyMetricReportsUnderItsKerasKeyInTheOrderGiven() {
    MetricTracker t = tracker(Loss.sparseCategoricalCrossentropy(), 3, Metric.topK(2), Metric.ACCURACY,
        Metric.precision(), Metric.auc());
    // argmax 1 (label 1), argmax 0 (label 2, second highest), argmax 2 (label 2)
    t.add(0.5, 0, new float[] {0.1f, 0.8f, 0.1f, 0.5f, 0.1f, 0.4f, 0.2f, 0.2f, 0.6f}, new float[] {1, 2, 2}, 3);
    assertEquals(List.of("loss", "top_k_categorical_accuracy", "accuracy", "precision", "auc"),
        List.copyOf(t.results().keySet()));
    assertEquals(1.0, t.results().get("top_k_categorical_accuracy"), 0.0);
    assertEquals(2.0 / 3, t.results().get("accuracy"), 1e-15);
    // precision per class: 0 → 0/1, 1 → 1/1, 2 → 1/1
    assertEquals(2.0 / 3, t.results().get("precision"), 1e-15);
  }

  @Test
  void aConfusionMatrixIsCountedOnlyWhenAskedFor() {
    MetricTracker asked = new MetricTracker(Loss.sparseCategoricalCrossentropy(), Shape.of(2), List.of(), false,
        true);
    asked.add(0, 0, new float[] {0.9f, 0.1f, 0.3f, 0.7f, 0.8f, 0.2f}, new float[] {0, 1, 1}, 3);
    assertArrayEquals(new long[][] {{1, 0}, {1, 1}}, asked.confusionMatrix().orElseThrow().counts());
    assertTrue(tracker(Loss.sparseCategoricalCrossentropy(), 2).confusionMatrix().isEmpty());
    assertTrue(new MetricTracker(Loss.meanSquaredError(), Shape.of(2), List.of(), false, true).confusionMatrix()
        .isEmpty(), "a regression model has none");
  }

  @Test
  void metricKey() {
    assertEquals("accuracy", Metric.ACCURACY.key());
  }

  @Test
  void severalOutputsReportKeras3KeysWithEachOutputsOwnLossAveragedByBatchSize() {
    MetricTracker t = new MetricTracker(List.of(
        new MetricTracker.Head("class", Loss.sparseCategoricalCrossentropy(), List.of(Metric.ACCURACY), Shape.of(2)),
        new MetricTracker.Head("score", Loss.meanSquaredError(), List.of(), Shape.of(1))), false, false);
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
